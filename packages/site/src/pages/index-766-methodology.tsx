import { INDEX766_GROUP_INFO, INDEX766_GROUPS, viNumber } from '@dvcwatch/core';
import { DataTable } from '../fragments.js';

/** The methodology page's section on the QĐ 766 index: what each measures, where the index comes from, the caveats. */
export function Index766Methodology() {
  return (
    <>
      <h2 id="chi-so-766">Chỉ số 766 của Văn phòng Chính phủ, đặt cạnh số đo của dvcwatch</h2>
      <p>
        <strong>Hai thứ khác nhau.</strong> dvcwatch đo <em>giao diện công khai</em> của cổng mỗi giờ, từ bên ngoài, như một người
        dân: cổng có mở được không, nhanh hay chậm, có đủ chức năng pháp luật yêu cầu không (thang 100 điểm theo QĐ 473/QĐ-BTTTT).
        Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg ngày 23/6/2022, thang 100 điểm) đo{' '}
        <em>kết quả xử lý hồ sơ phía sau</em>: công khai, minh bạch; tiến độ, kết quả giải quyết; dịch vụ trực tuyến và thanh toán
        trực tuyến; mức độ hài lòng; số hóa hồ sơ. Không số nào thay được số kia; hai số được đặt cạnh nhau và{' '}
        <strong>không bao giờ được cộng vào điểm của dvcwatch</strong>.
      </p>
      <p>
        <strong>Nguồn.</strong> Trang “Bộ chỉ số phục vụ người dân, doanh nghiệp” của Cổng Dịch vụ công quốc gia tải số liệu bằng{' '}
        <code>POST https://dichvucong.gov.vn/jsp/rest.jsp</code> (trường <code>params</code>, dịch vụ{' '}
        <code>report_tinh_766_service</code>). dvcwatch hỏi đúng như trang đó, mỗi ngày một lần, một yêu cầu một lúc, có giới hạn
        thời gian và tên công cụ (User-Agent) rõ ràng; lưu nguyên câu trả lời kèm thời điểm, tham số và mã băm SHA-256 để có thể
        kiểm lại.
      </p>
      <p>
        <strong>Lưu ý về nguồn.</strong> Địa chỉ này <strong>không có tài liệu công khai</strong>; cách gọi và ý nghĩa các trường
        lấy từ các chương trình công khai khác đang dùng nó, có thể thay đổi bất cứ lúc nào, và có thể bị tường lửa chặn. Mỗi dòng
        được kiểm tra đúng dạng; khi câu trả lời không đúng dạng (trang HTML của tường lửa, dạng dữ liệu mới), lần nhập bị bỏ, một
        dòng thông báo nói rõ đã nhận được gì, và số liệu của lần nhập trước vẫn được giữ nguyên. <code>ID</code> là mã đơn vị của
        cổng, không phải mã tỉnh chính thức: cơ quan chỉ được ghép khi danh mục ghi <code>index766Id</code>; dòng không ghép được
        vẫn được lưu và liệt kê, không bao giờ đoán. Các chương trình công khai không thống nhất nhóm <code>CLGQ</code> hay{' '}
        <code>TTTT</code> là dịch vụ trực tuyến, nhóm nào là thanh toán trực tuyến, nên hai nhóm này hiện theo tên trường. Thang
        điểm tối đa của từng nhóm lấy từ văn bản QĐ 766 khi đã đối chiếu được; nhóm chưa đối chiếu chỉ hiện điểm, không vẽ thanh
        so sánh. Điểm của bộ, ngành chưa nhập được (tham số cho bộ, ngành chưa rõ).
      </p>
      <DataTable
        id="g766-cap"
        caption="Các nhóm của Chỉ số 766 như câu trả lời ghi"
        head={['Trường', 'Nhóm', { label: 'Tối đa', n: true }]}
      >
        {INDEX766_GROUPS.map((g) => {
          const i = INDEX766_GROUP_INFO[g];
          return (
            <tr>
              <th scope="row">
                <code>{g}</code>
              </th>
              <td>{i.label}</td>
              <td class="n">{i.max === null ? 'chưa xác minh' : viNumber(i.max, 0)}</td>
            </tr>
          );
        })}
      </DataTable>
      <h2 id="an-ban-thang">Ấn bản tháng</h2>
      <p>
        Ngày đầu mỗi tháng, dvcwatch chốt một <a href="editions/index.html">ấn bản của tháng trước</a> cho từng cơ quan: khả dụng
        (tỉ lệ giờ cổng trả lời), trung vị LCP trang chủ và thời gian sẵn sàng của trang biểu mẫu, tỉ lệ giờ vượt ngưỡng, số tiêu
        chí đạt ở lần đo cuối tháng, số sự cố và thời gian, số giờ không truy cập được, trung vị theo tiêu chí của Bộ (Lighthouse,
        di động) và Chỉ số 766 của tháng; kèm JSON và CSV. Ấn bản chỉ được ghi một lần và không bao giờ sửa; số liệu đến muộn hay
        đính chính nằm ở ấn bản sau.
      </p>
    </>
  );
}
