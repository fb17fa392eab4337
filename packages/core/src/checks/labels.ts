/**
 * Labels the gatherers and judges look for, as seen on Vietnamese portals (shared/DOMAIN.md "Labels").
 * Matched with `matches` from text.ts: whole words, NFC + case folded, then without diacritics.
 */
export const LABELS = {
  search: ['Tìm kiếm', 'Nhập từ khoá tìm kiếm', 'Nhập từ khóa tìm kiếm', 'Tìm thủ tục', 'Search'],
  /** The keyword typed into the search box: a procedure every portal offers (birth registration). */
  searchQuery: ['khai sinh'],
  login: ['Đăng nhập', 'Login', 'Sign in'],
  vneid: ['VNeID', 'Định danh điện tử', 'Tài khoản Định danh điện tử', 'xacthuc.dichvucong.gov.vn'],
  dossierLookup: ['Tra cứu hồ sơ', 'Tra cứu kết quả', 'Tra cứu tình trạng hồ sơ', 'Tra cứu tiến độ'],
  dossierCode: ['Mã hồ sơ', 'Số biên nhận', 'Mã biên nhận', 'Số hồ sơ'],
  onlinePayment: ['Thanh toán trực tuyến', 'Thanh toán phí, lệ phí', 'Thanh toán phí lệ phí', 'Thanh toán'],
  feedback: ['Phản ánh, kiến nghị', 'Phản ánh kiến nghị', 'Phản ánh', 'Kiến nghị', 'PAKN', 'Góp ý'],
  satisfaction: ['Đánh giá mức độ hài lòng', 'Đánh giá sự hài lòng', 'Mức độ hài lòng', 'Đánh giá hài lòng', 'Hài lòng'],
  /** A bare "ĐÁNH GIÁ" menu item: a rating of what is not said (judged unknown, never a guessed fail). */
  satisfactionVague: ['Đánh giá'],
  help: ['Hướng dẫn', 'Hỏi đáp', 'Câu hỏi thường gặp', 'Trợ giúp'],
  index766: [
    'Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp',
    'Bộ chỉ số phục vụ người dân và doanh nghiệp',
    'Bộ chỉ số phục vụ',
    'Chỉ số phục vụ người dân',
    'dvc-index',
  ],
  english: ['English', 'Tiếng Anh', 'EN'],
  privacyPolicy: [
    'Chính sách bảo vệ dữ liệu cá nhân',
    'Chính sách bảo mật',
    'Chính sách quyền riêng tư',
    'Bảo vệ dữ liệu cá nhân',
    'Privacy policy',
  ],
  contactAddress: ['Địa chỉ', 'Trụ sở'],
  contactPhone: ['Điện thoại', 'Tel', 'Hotline', 'Đường dây nóng', 'Tổng đài'],
  fontLarger: ['A+', 'Tăng cỡ chữ', 'Phóng to chữ', 'Cỡ chữ lớn'],
  contrast: ['Tăng tương phản', 'Độ tương phản', 'Tương phản cao', 'High contrast'],
  /** A submission entry: the online service of a procedure (Circular 32/2017/TT-BTTTT, three clicks). */
  submit: ['Nộp hồ sơ trực tuyến', 'Nộp hồ sơ', 'Nộp trực tuyến', 'Nộp hồ sơ ngay'],
  /** Links worth following first when looking for the submission entry. */
  navigation: ['Dịch vụ công trực tuyến', 'Thủ tục hành chính', 'Dịch vụ công', 'Thủ tục', 'Nộp hồ sơ'],
  /** Items of a procedure's published information (Decree 63/2010/NĐ-CP Art. 8; Circular 02/2017/TT-VPCP). */
  procedure: {
    'Trình tự thực hiện': ['Trình tự thực hiện', 'Các bước thực hiện'],
    'Thành phần hồ sơ': ['Thành phần hồ sơ', 'Hồ sơ gồm'],
    'Thời hạn giải quyết': ['Thời hạn giải quyết', 'Thời gian giải quyết'],
    'Phí, lệ phí': ['Lệ phí', 'Phí', 'Phí, lệ phí'],
    'Cơ quan thực hiện': ['Cơ quan thực hiện', 'Cơ quan giải quyết'],
    'Căn cứ pháp lý': ['Căn cứ pháp lý', 'Cơ sở pháp lý'],
  },
} as const satisfies Record<string, readonly string[] | Record<string, readonly string[]>>;

/** Input placeholders and names that mark the portal's search box. */
export const SEARCH_INPUT_HINTS = [
  'Nhập từ khoá tìm kiếm',
  'Nhập từ khóa tìm kiếm',
  'Tìm kiếm',
  'từ khóa',
  'từ khoá',
  'keyword',
  'search',
];
