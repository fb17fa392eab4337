import { StoreLockedError } from './embedded.js';
import { SERVE_STATE_FILE } from './serve-state.js';

/**
 * The one line said when the store cannot be opened, instead of the SDK's or LevelDB's error and stack: what
 * happened and what to do. `embedded`: this command started its own dynalite on the state folder's database.
 */
export function storeUnavailable(e: unknown, dbDir: string, embedded: boolean): Error {
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  const message =
    e instanceof StoreLockedError
      ? `kho dữ liệu ${dbDir} đang được một tiến trình dvcwatch khác giữ (round, replay, hay một serve không ghi ${SERVE_STATE_FILE}): chờ nó xong hoặc dừng nó, rồi chạy lại.`
      : embedded
        ? `không mở được kho dữ liệu ${dbDir} (${detail}): chạy lại sau; nếu lỗi còn, xem quyền đọc ghi thư mục đó.`
        : `không kết nối được DynamoDB (${detail}): kiểm tra AWS_ENDPOINT_URL_DYNAMODB, hoặc bỏ biến đó để dùng kho nhúng trong ${dbDir}.`;
  return new Error(message, { cause: e });
}
