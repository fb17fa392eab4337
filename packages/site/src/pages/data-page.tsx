import { DataTable } from '../fragments.js';
import { page } from '../layout.js';
import type { SiteModel } from '../model.js';
import { ReplayNotice } from '../replay.js';
import { Index766DataDoc } from './index-766-data.js';

export type Cell = string | number | boolean | null | string[];

/** A column of an open-data file: the same definition writes JSON, CSV and the documentation. */
export interface Column<T> {
  name: string;
  type: string;
  desc: string;
  get: (row: T) => Cell;
}

function ColumnsTable<T>(props: { id: string; caption: string; cols: Column<T>[] }) {
  return (
    <DataTable id={props.id} caption={props.caption} head={['Cột', 'Kiểu', 'Ý nghĩa']}>
      {props.cols.map((c) => (
        <tr>
          <th scope="row">
            <code>{c.name}</code>
          </th>
          <td>{c.type}</td>
          <td>{c.desc}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The open-data documentation page: the files and every column, from the same definitions that write them. */
export function dataPage<A, D>(m: SiteModel, latest: Column<A>[], daily: Column<D>[]): string {
  const body = (
    <>
      <h1>Dữ liệu mở</h1>
      <p>
        Số liệu của trang này được công bố dưới dạng tệp, cập nhật sau mỗi lượt đo. Thời gian tính bằng mili giây (ms); thời điểm
        theo ISO-8601 (UTC); ô trống là không có số liệu. Tệp CSV dùng UTF-8, dấu phẩy, xuống dòng CRLF; danh sách trong một ô
        phân cách bằng dấu chấm phẩy.
      </p>
      <ul>
        <li>
          <a href="latest.json">latest.json</a>, <a href="latest.csv">latest.csv</a>: lần đo gần nhất của mỗi cơ quan (JSON:{' '}
          <code>{'{generatedAt, probeLocation, profile, agencies: […]}'}</code>).
        </li>
        <li>
          <a href="daily.json">daily.json</a>, <a href="daily.csv">daily.csv</a>: tổng hợp theo ngày, tối đa 90 ngày mỗi cơ quan
          (JSON: <code>{'{generatedAt, probeLocation, profile, days: […]}'}</code>).
        </li>
        <Index766DataDoc />
      </ul>
      <h2>Các cột của latest</h2>
      <ColumnsTable id="l-cap" caption="latest.json / latest.csv" cols={latest} />
      <h2>Các cột của daily</h2>
      <ColumnsTable id="d-cap" caption="daily.json / daily.csv" cols={daily} />
    </>
  );
  return page(
    m.input,
    { title: 'Dữ liệu mở', root: '../', nav: 'data', notice: <ReplayNotice span={m.replay} root="../" /> },
    body,
  );
}
