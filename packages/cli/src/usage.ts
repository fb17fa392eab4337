/** The CLI's help text (Vietnamese first, English in brackets for operators from elsewhere). */
export const USAGE = `dvcwatch — giám sát Cổng dịch vụ công (monitor Vietnam's public-service portals)

Cách dùng (usage):
  dvcwatch round    [--registry TỆP] [--at ISO-8601] [--no-site] [--no-checks] [--fresh-checks] [--lab] [--concurrency N]
                    một vòng đo mọi cơ quan ngay bây giờ, hoặc đóng dấu thời điểm --at (đo thật, ghi cho một giờ đã qua);
                    --fresh-checks chạy lại toàn bộ bộ tiêu chí cho mọi cơ quan (mặc định theo lịch checksEveryHours)
                    --lab          đo theo tiêu chí của Bộ (Lighthouse, di động) cho mọi cơ quan ngay bây giờ
  dvcwatch results  [--registry TỆP] [--agency ID] [--since ISO-8601] [--json]
                    kết quả đã lưu; --json in mỗi dòng một đối tượng JSON
  dvcwatch status   [--registry TỆP] [--json]
                    dịch vụ có đang chạy không, vòng đo gần nhất và kết quả, vòng tiếp theo (giờ Việt Nam),
                    trang tổng hợp và thư mục thư gửi đi
  dvcwatch alerts   [--registry TỆP] [--agency ID] [--json]
                    sự cố và mọi thư đã gửi, kèm trạng thái
  dvcwatch replay   [--registry TỆP] [--days N] [--until ISO-8601]
                    lịch sử mô phỏng N ngày (mặc định 90, 1–120) trước --until (mặc định: bây giờ), suy ra từ một lần
                    đo thật mỗi cơ quan; chỉ cho cổng trên 127.0.0.1; không gửi thư; trang ghi rõ là dữ liệu phát lại
  dvcwatch serve    [--registry TỆP] [--port N] [--no-demo] [--replay-days N]
                    dịch vụ cục bộ: một vòng ngay, rồi mỗi đầu giờ; trang tổng hợp trên http://127.0.0.1:PORT;
                    --replay-days N phát lại N ngày lịch sử trước (nếu còn thiếu)
  dvcwatch agent    --vantage ID [--queue-url URL] [--registry TỆP] [--jobs N] [--once]
                    điểm đo phụ ở mạng khác (máy đặt tại Việt Nam): nhận việc xác nhận từ hàng đợi SQS riêng
                    (DVCWATCH_AGENT_QUEUE_URL), đo lại cổng từ đây, ghi kết quả vào bảng DynamoDB
  dvcwatch import-766 [--registry TỆP] [--period YYYY|YYYY-MM|YYYY-Qn] [--endpoint URL]
                    nhập Chỉ số 766 (Văn phòng Chính phủ) từ Cổng Dịch vụ công quốc gia (mặc định tháng này);
                    ghép với cơ quan theo index766Id trong danh mục; lỗi thì in một dòng, giữ nguyên lần nhập trước
  dvcwatch edition  [--registry TỆP] [--month YYYY-MM] [--at ISO-8601]
                    chốt ấn bản tháng (mặc định tháng trước --at) cho từng cơ quan, kèm JSON và CSV; chỉ ghi một lần
  dvcwatch validate TỆP
                    kiểm tra một tệp danh mục (registry)

Mặc định --registry là danh mục mà round/serve/replay dùng lần cuối (ghi trong .dvcwatch/last-registry), hoặc
DVCWATCH_REGISTRY, nếu không thì registry/demo.yaml (cổng mô phỏng trên 127.0.0.1, tự khởi động).
Dữ liệu cục bộ nằm trong .dvcwatch/ (hoặc thư mục DVCWATCH_HOME): db/, outbox/ (.eml), site/, spool/; khi serve chạy,
serve.json cho các lệnh khác (results, alerts, status, round, replay) biết kho dữ liệu của nó ở đâu.
Biến môi trường: DVCWATCH_HOME, DVCWATCH_REGISTRY, DVCWATCH_AGENT_QUEUE_URL, DVCWATCH_TABLE, DVCWATCH_SENDER, DVCWATCH_PORT, DVCWATCH_CONCURRENCY,
DVCWATCH_INDEX766_ENDPOINT, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SES (dùng máy chủ đó thay vì máy chủ nhúng).
`;

/** A usage error: the message plus the help text, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
