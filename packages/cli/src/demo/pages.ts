import { esc, has, shell, wording } from './layout.js';
import { type PortalFlags, PROCEDURE } from './portals.js';

export interface DemoPage {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const page = (body: string): DemoPage => ({ status: 200, body });

/** The home page: menu of functions, featured procedures, and a link to the QĐ 766 index. */
function home(f: PortalFlags, ctx: { mixedContentUrl: string | null }): DemoPage {
  const t = wording(f);
  const item = (ok: boolean, href: string, label: string) => (ok ? `<li><a href="${href}">${t(label)}</a></li>` : '');
  const menu = [
    item(true, '/dich-vu-cong', 'Dịch vụ công trực tuyến'),
    item(true, '/thu-tuc', 'Thủ tục hành chính'),
    item(has(f, 'dossier-lookup'), '/tra-cuu-ho-so', 'Tra cứu hồ sơ'),
    item(has(f, 'payment'), '/thanh-toan', 'Thanh toán trực tuyến'),
    item(has(f, 'feedback'), '/phan-anh-kien-nghi', 'Phản ánh, kiến nghị'),
    item(has(f, 'satisfaction'), '/danh-gia', 'Đánh giá mức độ hài lòng'),
    item(has(f, 'help'), '/huong-dan', 'Hướng dẫn'),
    item(has(f, 'help'), '/hoi-dap', 'Hỏi đáp'),
  ].join('');
  const index766 = has(f, 'index-766')
    ? `<p><a href="/chi-so-766">${t('Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp')}</a></p>`
    : '';
  const low = f.inaccessible
    ? `<p class="low">${t('Thông báo: hệ thống bảo trì vào cuối tuần.')}</p><img src="/banner.svg">`
    : '';
  const mixed = ctx.mixedContentUrl ? `<img src="${ctx.mixedContentUrl}" alt="${t('Quảng cáo')}" width="10" height="10">` : '';
  const body = `<nav aria-label="${t('Danh mục chính')}"><ul>${menu}</ul></nav>
<main>
  <h1>${t('Cổng dịch vụ công')}</h1>
  <p>${t('Cổng cung cấp thông tin thủ tục hành chính và dịch vụ công trực tuyến cho người dân và doanh nghiệp trên địa bàn.')}</p>
  <h2>${t('Thủ tục nổi bật')}</h2>
  <ul><li><a href="/thu-tuc/${PROCEDURE.code}">${t(PROCEDURE.name)}</a></li><li><a href="/thu-tuc/1.000656">${t('Đăng ký kết hôn')}</a></li></ul>
  ${index766}${low}${mixed}
</main>`;
  if (!f.spaDelayMs) return page(shell(f, 'Trang chủ', body));
  // Angular-like: the content arrives after the scripts ran.
  const script = `setTimeout(function () { document.getElementById('app').innerHTML = ${JSON.stringify(body).replace(/</g, '\\u003c')}; }, ${f.spaDelayMs});`;
  return page(shell(f, 'Trang chủ', `<p>${t('Đang tải…')}</p>`, { script }));
}

function procedureList(f: PortalFlags): DemoPage {
  const t = wording(f);
  return page(
    shell(
      f,
      'Thủ tục hành chính',
      `<main><h1>${t('Thủ tục hành chính')}</h1><table><tr><th>${t('Mã thủ tục')}</th><th>${t('Tên thủ tục')}</th></tr>
<tr><td>${PROCEDURE.code}</td><td><a href="/thu-tuc/${PROCEDURE.code}">${t(PROCEDURE.name)}</a></td></tr>
<tr><td>1.000656</td><td><a href="/thu-tuc/1.000656">${t('Đăng ký kết hôn')}</a></td></tr></table></main>`,
    ),
  );
}

function procedureDetail(f: PortalFlags): DemoPage {
  const t = wording(f);
  const rows: [string, string][] = [
    ['Mã thủ tục', PROCEDURE.code],
    ['Lĩnh vực', 'Hộ tịch'],
    ['Trình tự thực hiện', 'Nộp hồ sơ, tiếp nhận, giải quyết, trả kết quả.'],
    ['Cách thức thực hiện', 'Trực tiếp, trực tuyến, bưu chính.'],
    ['Thành phần hồ sơ', 'Tờ khai đăng ký khai sinh; giấy chứng sinh.'],
    ['Thời hạn giải quyết', 'Ngay trong ngày làm việc.'],
    ['Phí, lệ phí', 'Miễn lệ phí.'],
    ['Cơ quan thực hiện', 'Ủy ban nhân dân cấp xã.'],
    ['Căn cứ pháp lý', 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP.'],
  ];
  const shown = has(f, 'procedure-info') ? rows : rows.slice(0, 2);
  const submit = has(f, 'submit') ? `<p><a class="btn" href="/nop-ho-so/${PROCEDURE.code}">${t('Nộp hồ sơ')}</a></p>` : '';
  return page(
    shell(
      f,
      PROCEDURE.name,
      `<main><h1>${t(PROCEDURE.name)}</h1><dl>${shown.map(([k, v]) => `<dt>${t(k)}</dt><dd>${t(v)}</dd>`).join('')}</dl>${submit}</main>`,
    ),
  );
}

function form(f: PortalFlags): DemoPage {
  const t = wording(f);
  if (f.formKind === 'vneid') return login(f, 'Vui lòng đăng nhập để nộp hồ sơ trực tuyến');
  const fields = `<form action="/nop-ho-so/${PROCEDURE.code}" method="post" onsubmit="return false">
<p><label for="ho-ten">${t('Họ và tên người yêu cầu')}</label> <input id="ho-ten" name="hoTen"></p>
<p><label for="cccd">${t('Số định danh cá nhân')}</label> <input id="cccd" name="cccd"></p>
<p><label for="ngay-sinh">${t('Ngày sinh của trẻ')}</label> <input id="ngay-sinh" name="ngaySinh" type="date"></p>
<p><button type="submit">${t('Nộp hồ sơ')}</button></p></form>`;
  const body = `<main><h1>${t('Tờ khai đăng ký khai sinh')}</h1><div id="form-area">${f.formDelayMs ? `<p>${t('Đang tải biểu mẫu…')}</p>` : fields}</div></main>`;
  const script = f.formDelayMs
    ? `setTimeout(function () { document.getElementById('form-area').innerHTML = ${JSON.stringify(fields).replace(/</g, '\\u003c')}; }, ${f.formDelayMs});`
    : '';
  return page(shell(f, 'Nộp hồ sơ', body, { script }));
}

function login(f: PortalFlags, lead = 'Đăng nhập'): DemoPage {
  const t = wording(f);
  const vneid = has(f, 'vneid')
    ? `<p><a href="/dang-nhap/vneid">${t('Tài khoản Định danh điện tử (VNeID)')}</a></p>`
    : `<form onsubmit="return false"><p><label for="u">${t('Tên đăng nhập')}</label> <input id="u" name="u"></p>
<p><label for="p">${t('Mật khẩu')}</label> <input id="p" name="p" type="password"></p><button type="submit">${t('Đăng nhập')}</button></form>`;
  return page(shell(f, 'Đăng nhập', `<main><h1>${t(lead)}</h1>${vneid}</main>`));
}

function search(f: PortalFlags, keyword: string): DemoPage {
  const t = wording(f);
  const found = f.search !== 'empty' && /khai\s*sinh/i.test(keyword.normalize('NFC'));
  const list = found
    ? `<ul class="ket-qua"><li><a href="/thu-tuc/${PROCEDURE.code}">${t(PROCEDURE.name)}</a></li>
<li><a href="/thu-tuc/1.000689">${t('Đăng ký khai sinh có yếu tố nước ngoài')}</a></li>
<li><a href="/thu-tuc/1.001022">${t('Đăng ký lại khai sinh')}</a></li></ul>`
    : `<p>${t('Không tìm thấy kết quả phù hợp.')}</p>`;
  return page(shell(f, 'Kết quả tìm kiếm', `<main><h1>${t('Kết quả tìm kiếm')}: ${esc(keyword)}</h1>${list}</main>`));
}

function lookup(f: PortalFlags): DemoPage {
  const t = wording(f);
  return page(
    shell(
      f,
      'Tra cứu hồ sơ',
      `<main><h1>${t('Tra cứu hồ sơ')}</h1><form onsubmit="return false"><p><label for="ma">${t('Mã hồ sơ')}</label>
<input id="ma" name="maHoSo" placeholder="${t('Nhập mã hồ sơ hoặc số biên nhận')}"></p><button type="submit">${t('Tra cứu')}</button></form></main>`,
    ),
  );
}

const simple = (f: PortalFlags, title: string, text: string): DemoPage =>
  page(shell(f, title, `<main><h1>${wording(f)(title)}</h1><p>${wording(f)(text)}</p></main>`));

/** The page for a path, or null (404). */
export function route(f: PortalFlags, url: URL, ctx: { mixedContentUrl: string | null }): DemoPage | null {
  const p = url.pathname.replace(/\/+$/, '') || '/';
  if (p === '/') return home(f, ctx);
  if (p === '/thu-tuc' || p === '/dich-vu-cong') return procedureList(f);
  if (p.startsWith('/thu-tuc/')) return procedureDetail(f);
  if (p.startsWith('/nop-ho-so/')) return form(f);
  if (p === '/tim-kiem') return search(f, url.searchParams.get('keyword') ?? '');
  if (p === '/dang-nhap' && has(f, 'login')) return login(f);
  if (p === '/tra-cuu-ho-so' && has(f, 'dossier-lookup')) return lookup(f);
  const pages: Record<string, [string, string]> = {
    '/thanh-toan': ['Thanh toán trực tuyến', 'Thanh toán phí, lệ phí hồ sơ qua Nền tảng thanh toán.'],
    '/phan-anh-kien-nghi': ['Phản ánh, kiến nghị', 'Gửi phản ánh, kiến nghị về quy định hành chính.'],
    '/danh-gia': ['Đánh giá mức độ hài lòng', 'Đánh giá việc giải quyết thủ tục hành chính.'],
    '/huong-dan': ['Hướng dẫn', 'Hướng dẫn sử dụng cổng dịch vụ công.'],
    '/hoi-dap': ['Hỏi đáp', 'Câu hỏi thường gặp.'],
    '/chi-so-766': ['Bộ chỉ số phục vụ người dân và doanh nghiệp', 'Kết quả theo Quyết định 766/QĐ-TTg.'],
    '/chinh-sach-bao-mat': ['Chính sách bảo vệ dữ liệu cá nhân', 'Theo Nghị định 13/2023/NĐ-CP.'],
    '/en': ['Public Service Portal', 'Contact: 12 Trang Tien, Hanoi.'],
    '/dang-nhap/vneid': ['Đăng nhập VNeID (mô phỏng)', 'Trang mô phỏng, không đăng nhập thật.'],
  };
  const entry = pages[p];
  return entry ? simple(f, entry[0], entry[1]) : null;
}
