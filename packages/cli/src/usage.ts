/** The CLI's help text (Vietnamese first, English in brackets for operators from elsewhere). */
export const USAGE = `dvcwatch — giám sát Cổng dịch vụ công (monitor Vietnam's public-service portals)

Cách dùng (usage):
  dvcwatch round    [--registry TỆP] [--at ISO-8601] [--no-site] [--no-checks] [--fresh-checks] [--concurrency N]
                    một vòng đo mọi cơ quan ngay bây giờ, hoặc đóng dấu thời điểm --at (phát lại giờ đã qua);
                    --fresh-checks chạy lại toàn bộ bộ tiêu chí cho mọi cơ quan (mặc định theo lịch checksEveryHours)
  dvcwatch results  [--registry TỆP] [--agency ID] [--since ISO-8601] [--json]
                    kết quả đã lưu; --json in mỗi dòng một đối tượng JSON
  dvcwatch alerts   [--registry TỆP] [--agency ID] [--json]
                    sự cố và mọi thư đã gửi, kèm trạng thái
  dvcwatch serve    [--registry TỆP] [--port N] [--no-demo]
                    dịch vụ cục bộ: một vòng ngay, rồi mỗi đầu giờ; trang tổng hợp trên http://127.0.0.1:PORT
  dvcwatch validate TỆP
                    kiểm tra một tệp danh mục (registry)

Mặc định --registry là registry/demo.yaml (cổng mô phỏng trên 127.0.0.1, tự khởi động).
Dữ liệu cục bộ nằm trong .dvcwatch/ (hoặc thư mục DVCWATCH_HOME): db/, outbox/ (.eml), site/, spool/.
Biến môi trường: DVCWATCH_HOME, DVCWATCH_TABLE, DVCWATCH_SENDER, DVCWATCH_PORT, DVCWATCH_CONCURRENCY,
AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SES (dùng máy chủ đó thay vì máy chủ nhúng).
`;

/** A usage error: the message plus the help text, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
