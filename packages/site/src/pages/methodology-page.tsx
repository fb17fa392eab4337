import { DEFAULT_ALERTS, DEFAULT_THRESHOLDS, viDateTime, viNumber } from '@dvcwatch/core';
import { GROUPS, groupLabel } from '@dvcwatch/present';
import { CSS_BUDGET_BYTES, OVERVIEW_BUDGET_BYTES, PAGE_BUDGET_BYTES } from '../budget.js';
import { StatusLegend, TableWrap } from '../fragments.js';
import { page } from '../layout.js';
import type { SiteModel } from '../model.js';
import { ReplayNotice, type ReplaySpan } from '../replay.js';
import { VantagesList } from '../vantages.js';
import { ThresholdsTable } from './agency-sections.js';
import { Index766Methodology } from './index-766-methodology.js';

/** How dvcwatch measures, from where, with which profile, how it scores and when it alerts. */
export function methodologyPage(m: SiteModel): string {
  const a = DEFAULT_ALERTS;
  const groups = GROUPS.map((g) => (
    <tr>
      <th scope="row">{g.label}</th>
      <td class="n">{g.weight}</td>
    </tr>
  ));
  const checks = m.checks.map((c) => (
    <tr>
      <th scope="row">
        <a href={`check/${encodeURIComponent(c.id)}.html`}>{c.title}</a>
      </th>
      <td>{groupLabel(c.group)}</td>
      <td class="n">{c.weight ? c.weight : '—'}</td>
      <td>{c.source}</td>
    </tr>
  ));
  const body = (
    <>
      <h1>Phương pháp đo và chấm điểm</h1>
      <h2>Đo gì</h2>
      <p>
        Mỗi giờ, một trình duyệt Chromium thật (không giao diện) mở trang chủ và một trang biểu mẫu của từng Cổng dịch vụ công.
      </p>
      <ul>
        <li>
          <strong>Trang chủ:</strong> thời gian đến byte đầu tiên (TTFB), nội dung đầu tiên (FCP), nội dung lớn nhất (LCP), tải
          xong; ghi thêm tổng thời gian chặn (TBT) và độ dịch chuyển bố cục (CLS). Số đo lấy từ chính trình duyệt (Navigation
          Timing, Paint Timing, PerformanceObserver).
        </li>
        <li>
          <strong>Trang biểu mẫu:</strong> thời gian đến khi ô nhập đầu tiên hiển thị và dùng được, hoặc đến màn hình đăng nhập
          VNeID. Hệ thống <strong>không bao giờ nộp hồ sơ</strong>.
        </li>
        <li>
          <strong>Tiêu chí:</strong> các chức năng và yêu cầu kiểm tra được từ bên ngoài (bảng dưới). Mỗi kết quả kèm bằng chứng:
          chữ, địa chỉ hoặc giá trị tìm thấy, hoặc điều đã tìm mà không thấy.
        </li>
      </ul>
      <p>
        <strong>Nhịp kiểm tra tiêu chí:</strong> thời gian phản hồi đo mỗi giờ. Bộ tiêu chí (tìm kiếm, đi tới chỗ nộp hồ sơ trong
        3 lần nhấp, trang đăng nhập và tra cứu hồ sơ, kiểm tra khả năng tiếp cận…) tốn nhiều hơn nhiều nên chạy lại cho mỗi cơ
        quan {m.input.registry.probe.checksEveryHours} giờ một lần, các cơ quan rải đều theo giờ;{' '}
        <strong>chạy lại ngay trong giờ</strong> khi trang chủ thêm hoặc mất một chức năng trong danh mục (lần đo mỗi giờ đọc các
        liên kết của trang chủ) hoặc khi cấu hình của cơ quan đổi. Giữa hai lần chạy, kết quả tiêu chí được chấm lại từ dữ liệu
        lần chạy gần nhất; chứng chỉ TLS đọc lại mỗi giờ. Trang của mỗi cơ quan ghi thời điểm kiểm tra.
      </p>
      <p>
        Trước khi kết luận một cổng không truy cập được hoặc vượt ngưỡng, hệ thống đo lại sau vài giây; biểu đồ theo ngày dùng
        trung vị và phân vị 95 (P95) của các lần đo trong ngày.
      </p>
      <h2>Đo từ đâu, với hồ sơ nào</h2>
      <dl class="kv">
        <dt>Vị trí máy đo</dt>
        <dd>{m.input.probeLocation}</dd>
        <dt>Hồ sơ đo</dt>
        <dd>{m.input.profile}</dd>
      </dl>
      <h2 id="ho-so">Hai hồ sơ đo: hằng giờ và theo tiêu chí của Bộ</h2>
      <p>
        Tiêu chí năm 2025 của Bộ Khoa học và Công nghệ đo tốc độ trang “bằng công cụ tự động, nhiều lần, trong điều kiện thực tế”
        với bốn ngưỡng: FCP dưới 3 giây, LCP dưới 4 giây, Speed Index dưới 5,8 giây, TBT dưới 0,6 giây. Bốn ngưỡng này trùng đúng
        ranh giới “kém” của Lighthouse trên điện thoại, nên nhiều khả năng Bộ đo như Lighthouse chế độ di động. Công cụ, thiết bị
        và số lần đo của Bộ không được công bố: trang này ghi “đo kiểu Bộ”, không phải “số của Bộ”.
      </p>
      <ul>
        <li>
          <strong>Hồ sơ hằng giờ</strong> ({m.input.profile}): mỗi giờ, trình duyệt thật trên máy tính, không giới hạn mạng hay
          CPU, <strong>quan sát</strong> trang tải thật. Dùng để phát hiện sự cố và cảnh báo ngay.
        </li>
        <li>
          <strong>Hồ sơ theo tiêu chí của Bộ</strong>: Lighthouse{' '}
          {m.ranked.find((v) => v.lab.latest)?.lab.latest?.version ?? '12.8.2'} với cấu hình mặc định cho điện thoại (màn hình
          412×823), <strong>mô phỏng</strong> mạng 4G chậm (RTT 150 ms, 1,6 Mbit/s) và CPU chậm 4 lần, chỉ nhóm hiệu năng, trên
          trang chủ và trang biểu mẫu, {m.input.registry.probe.labRunsPerDay} lần mỗi ngày trong giờ hành chính (các cơ quan rải
          đều theo giờ); mỗi chỉ số lấy <strong>trung vị trong ngày</strong>. Cùng bản Chromium và cùng bộ lọc truy cập với lần đo
          hằng giờ. Một cơ quan “có nguy cơ không đạt khi Bộ đánh giá” khi trung vị ngày của một chỉ số không đạt ngưỡng ở ít nhất
          3 trong 7 ngày gần nhất; lãnh đạo được báo trong thư tổng hợp hằng tuần, <strong>không</strong> qua cảnh báo hằng giờ.
        </li>
      </ul>
      <p>
        <strong>Vì sao hai số khác nhau:</strong> hồ sơ hằng giờ đo thời gian thật trên đường truyền nhanh của máy đo, nên thường{' '}
        <strong>nhanh hơn</strong> trên điện thoại và mạng chậm; ngược lại, Lighthouse không chờ mạng thật mà{' '}
        <strong>tính</strong> thời gian từ các yêu cầu đã ghi, theo mô hình mạng chậm và CPU chậm: một trang có tệp lớn hay nhiều
        tập lệnh bị Lighthouse tính chậm hơn nhiều, còn một máy chủ chậm thất thường hay một ảnh đến muộn vì máy chủ chờ thì
        Lighthouse có thể tính <strong>nhanh hơn</strong> số quan sát (nghiên cứu của chính Lighthouse cho sai số trung vị 20–27 %
        so với giới hạn thật). Speed Index và TBT chỉ có trong đo mô phỏng. Cả hai số đều đúng với điều chúng đo; ngưỡng của Bộ áp
        dụng cho hồ sơ của Bộ. Kết quả phản ánh xu hướng, không thay thế đánh giá chính thức.
      </p>
      <p>
        <strong>Nguyên nhân cần khắc phục:</strong> mỗi lần đo hằng giờ ghi thêm, gần như không tốn gì, phần tử nội dung chính
        (LCP) và tệp của nó, thời gian chờ máy chủ, ba yêu cầu lớn nhất và chậm nhất, các tệp chặn hiển thị, tập lệnh chiếm luồng
        xử lý, và hạn của chứng chỉ HTTPS. Từ đó hệ thống nêu tối đa ba nguyên nhân, tốn thời gian nhất trước, kèm bằng chứng;
        chứng chỉ hết hạn trong vòng 14 ngày luôn được nêu đầu tiên.
      </p>
      <h2>Cách tính điểm</h2>
      <p>Điểm trên thang 100 theo các nhóm của Quyết định 473/QĐ-BTTTT (03/4/2024):</p>
      <TableWrap labelledBy="g-cap">
        <table>
          <caption id="g-cap">Nhóm tiêu chí và trọng số</caption>
          <thead>
            <tr>
              <th scope="col">Nhóm</th>
              <th scope="col" class="n">
                Điểm tối đa
              </th>
            </tr>
          </thead>
          <tbody>{groups}</tbody>
        </table>
      </TableWrap>
      <p>
        Tiêu chí không đo được từ bên ngoài (ví dụ kết nối EMC, xử lý hồ sơ phía sau) được ghi là <strong>“chưa đo”</strong>. Điểm
        được quy đổi theo phần đã đo: điểm = 100 × (điểm đạt được) / (tổng trọng số các tiêu chí đã đo). Xếp loại: A từ 90, B từ
        80, C từ 65, D từ 50, E dưới 50.
      </p>
      <TableWrap labelledBy="c-cap">
        <table>
          <caption id="c-cap">Danh mục tiêu chí</caption>
          <thead>
            <tr>
              <th scope="col">Tiêu chí</th>
              <th scope="col">Nhóm</th>
              <th scope="col" class="n">
                Điểm
              </th>
              <th scope="col">Căn cứ</th>
            </tr>
          </thead>
          <tbody>{checks}</tbody>
        </table>
      </TableWrap>
      <h2>Ngưỡng</h2>
      <p>
        Ngưỡng <strong>chính thức</strong> lấy từ văn bản của cơ quan nhà nước; ngưỡng <strong>tạm thời</strong> dùng khi chưa tìm
        thấy con số chính thức và sẽ thay khi có. Mỗi cơ quan có thể có ngưỡng riêng (xem trang của cơ quan).
      </p>
      <ThresholdsTable id="t-cap" caption="Ngưỡng mặc định" values={DEFAULT_THRESHOLDS} />
      <h2>Trạng thái</h2>
      <StatusLegend />
      <p>
        Từ 01/7/2025 cổng của các tỉnh chuyển về Cổng Dịch vụ công quốc gia: địa chỉ cũ chuyển hướng về dichvucong.gov.vn được ghi
        là “Đã hợp nhất”, không phải “không truy cập được”. Trạng thái “Lỗi của hệ thống giám sát” không bao giờ tính cho cơ quan.
      </p>
      <h2>Chính sách cảnh báo</h2>
      <ul>
        <li>
          Không cảnh báo theo một lần đo: sự cố chỉ mở sau {a.confirmRounds} lần đo liên tiếp vượt ngưỡng hoặc không truy cập
          được.
        </li>
        <li>
          Khi sự cố còn mở, nhắc lại tối đa mỗi {a.remindEveryHours} giờ; sau {a.escalateAfterHours} giờ báo thêm cấp trên đã đăng
          ký.
        </li>
        <li>Sự cố đóng sau {a.recoverRounds} lần đo đạt liên tiếp; thư báo khắc phục nêu thời gian sự cố kéo dài.</li>
        <li>
          Không gửi thư trong khung giờ bảo trì đã đăng ký, và không bao giờ gửi cho cơ quan khi lỗi thuộc về hệ thống giám sát.
        </li>
        <li>
          Cảnh báo được quyết định <strong>một lần cho cả vòng đo</strong>, sau khi mọi cổng đã được đo, để phân biệt sự cố của
          một cổng với sự cố của chính máy đo.
        </li>
      </ul>
      <h2 id="diem-do">Điểm đo: xác nhận “không truy cập được” từ nơi khác</h2>
      <p>
        Nhiều trang của cơ quan nhà nước chặn hoặc từ chối kết nối từ địa chỉ nước ngoài, thường xuyên hoặc khi bị tấn công. Từ
        một máy đo đặt ở nước ngoài, những trang đó trông như “không truy cập được” dù người dân trong nước vẫn dùng bình thường.
        Vì vậy khi điểm đo đầu tiên không tới được một cổng (sau các lần đo lại trong vòng),{' '}
        <strong>các điểm đo khác đo lại ngay trong vòng đó</strong>:
      </p>
      <ul>
        <li>
          Mọi điểm đo đều không tới được: “không truy cập được”, tính như thường (sự cố mở sau {a.confirmRounds} vòng liên tiếp).
        </li>
        <li>
          Điểm đo đầu tiên không tới được nhưng một điểm đo khác tới được: <strong>“bị chặn” (chặn theo vùng)</strong>, không bao
          giờ gửi thư cho lãnh đạo cơ quan; trang của cơ quan ghi rõ điểm đo nào tới được.
        </li>
        <li>
          Điểm đo khác không trả lời kịp trước hạn chót của vòng: giữ kết quả của điểm đo đầu tiên, ghi là{' '}
          <strong>chưa được xác nhận</strong>. Vòng đo không bao giờ chờ quá hạn chót.
        </li>
      </ul>
      <p>Các điểm đo của danh mục này:</p>
      <VantagesList vantages={m.input.registry.vantages} />
      <p>
        Trên AWS, điểm đo thứ hai là một máy nhỏ đặt trong mạng ở Việt Nam chạy <code>dvcwatch agent</code>; khi chạy trên một máy
        (bản thử), điểm đo thứ hai gửi kết nối từ một địa chỉ loopback khác (ví dụ 127.0.0.2).
      </p>
      <h2 id="su-co-may-do">Sự cố mạng phía máy đo</h2>
      <p>
        Máy đo đặt ở nước ngoài có thể mất kết nối tới Việt Nam (đứt cáp quang biển, sự cố mạng khu vực, mạng của chính máy đo).
        Khi đó gần như mọi cổng cùng “không truy cập được” dù không cổng nào có lỗi. Nếu trong một vòng đo, từ{' '}
        {viNumber(m.input.registry.outage.minShare * 100, 0)}% trở lên của ít nhất {m.input.registry.outage.minAgencies} cổng vẫn
        trả lời ở vòng bình thường gần nhất cùng lỗi ở tầng mạng (DNS, kết nối, bị ngắt, hết thời gian chờ), vòng đó được coi là{' '}
        <strong>sự cố của máy đo</strong>: các kết quả lỗi mạng được ghi là “Lỗi của hệ thống giám sát”,{' '}
        <strong>không gửi thư cho lãnh đạo cơ quan nào</strong>, không mở hay tính tiếp sự cố nào; chỉ người vận hành nhận một thư
        khi sự cố bắt đầu và một thư khi kết thúc. Trang của cơ quan ghi rõ “sự cố mạng của máy đo”.
      </p>
      <h2>Dung lượng trang</h2>
      <p>
        Trang này không dùng JavaScript; biểu đồ là SVG nằm trong trang, kèm bảng số liệu. Ngân sách: mỗi trang HTML tối đa{' '}
        {viNumber(PAGE_BUDGET_BYTES / 1024, 0)} kB (chưa nén) với 100 cơ quan và 90 ngày dữ liệu, trang tổng quan (có bản đồ) tối
        đa {viNumber(OVERVIEW_BUDGET_BYTES / 1024, 0)} kB; một tệp CSS dùng chung tối đa {viNumber(CSS_BUDGET_BYTES / 1024, 0)}{' '}
        kB. Ngân sách được kiểm tra tự động.
      </p>
      <Index766Methodology />
      <ReplaySection span={m.replay} />
      <h2>Dữ liệu mở</h2>
      <p>
        Toàn bộ số liệu hiển thị có ở dạng JSON và CSV: <a href="data/index.html">mô tả các tệp và từng cột</a>.
      </p>
    </>
  );
  return page(
    m.input,
    { title: 'Phương pháp', root: '', nav: 'methodology', notice: <ReplayNotice span={m.replay} root="" /> },
    body,
  );
}

/** How replayed history is made, on a site whose data holds some (`dvcwatch replay`, demo only). */
function ReplaySection(props: { span: ReplaySpan | null }) {
  const span = props.span;
  if (!span) return null;
  return (
    <>
      <h2 id="phat-lai">Dữ liệu lịch sử phát lại</h2>
      <p>
        Số liệu của trang này có <strong>{viNumber(span.rounds, 0)} lần đo phát lại</strong>, từ {viDateTime(span.from)} đến{' '}
        {viDateTime(span.to)}: đó là dữ liệu của bản chạy thử, <strong>không phải đo thật từng giờ</strong>. Lệnh{' '}
        <code>dvcwatch replay</code> đo thật mỗi cổng (mô phỏng, trên máy cục bộ) <strong>một lần</strong> bằng Chromium, kèm bộ
        tiêu chí, rồi suy ra từng giờ trong quá khứ từ bản ghi đó:
      </p>
      <ul>
        <li>
          Thời gian phản hồi của máy chủ (TTFB) được nhân với một hệ số theo tải: cao trong giờ hành chính (khoảng 7:30–11:30 và
          13:30–17:00, thứ Hai đến thứ Sáu), thấp ban đêm và cuối tuần; các mốc sau đó (FCP, LCP, tải xong, sẵn sàng nhập liệu)
          dịch theo; thêm nhiễu ngẫu nhiên có hạt giống cố định, nên cùng bản ghi luôn cho cùng lịch sử.
        </li>
        <li>
          Mỗi cổng có một kịch bản hợp với đặc điểm của nó, mô tả trong mã nguồn: ví dụ ngừng hoạt động vài giờ, vượt ngưỡng vào
          giờ cao điểm, một tiêu chí được sửa hoặc hỏng giữa chừng. Cổng mà bản ghi chỉ thấy lỗi thì lỗi suốt thời gian phát lại:
          phát lại không bao giờ dựng ra một trang chưa từng thấy. Không có ảnh chụp cho các giờ phát lại.
        </li>
        <li>
          Mỗi giờ suy ra đi qua đúng quy trình của một lần đo thật: chấm tiêu chí và điểm, lưu, tổng hợp theo ngày, chính sách
          cảnh báo và sự cố. Thư cảnh báo của lịch sử phát lại <strong>không bao giờ được gửi</strong>; sự cố của nó mang nhãn
          “phát lại”.
        </li>
        <li>
          Trong dữ liệu mở, mỗi kết quả phát lại có trường <code>replay</code> (thời điểm bản ghi, kịch bản, sự kiện); tệp daily
          có cột <code>replayedRounds</code>. Lịch sử phát lại chỉ được ghi vào các giờ trước vòng đo thật đầu tiên, không bao giờ
          xen vào số liệu đo thật.
        </li>
      </ul>
    </>
  );
}
