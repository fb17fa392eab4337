import { type AttributeValue, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';

/**
 * An attribute value's size by DynamoDB's rules ("Item sizes and formats", developer guide): strings and binaries
 * by their bytes, a number by about one byte per two digits plus one, booleans and nulls one byte, lists and maps
 * three bytes plus one per element and their elements' sizes.
 */
const valueSize = (v: AttributeValue): number => {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.L) return 3 + v.L.reduce((n, x) => n + 1 + valueSize(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + valueSize(x), 0);
  if (v.SS) return v.SS.reduce((n, x) => n + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((n, x) => n + Math.ceil(x.length / 2) + 1, 0);
  return 0;
};

/** The table's size in bytes, item by item (dynalite does not keep DescribeTable's TableSizeBytes). */
export async function tableBytes(client: DynamoDBClient, table: string): Promise<number> {
  let bytes = 0;
  for await (const page of paginateScan({ client }, { TableName: table }))
    for (const item of page.Items ?? [])
      bytes += Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueSize(v), 0);
  return bytes;
}
