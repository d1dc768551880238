<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
  <context>
    <name>CaseDialog</name>
    <message>
      <source>Tiếp nhận vụ việc</source>
      <translation>Case intake</translation>
    </message>
    <message>
      <source>Gõ tên trẻ (không dấu cũng được)</source>
      <translation>Type the child's name (diacritics optional)</translation>
    </message>
    <message>
      <source>Tổng đài 111, trưởng thôn, giáo viên…</source>
      <translation>Child helpline 111, village head, teacher…</translation>
    </message>
    <message>
      <source>Nguy cơ gây tổn hại nghiêm trọng (can thiệp khẩn cấp)</source>
      <translation>Risk of serious harm (emergency intervention)</translation>
    </message>
    <message>
      <source>Tìm trẻ</source>
      <translation>Find child</translation>
    </message>
    <message>
      <source>Trẻ em</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>Loại vụ việc</source>
      <translation>Case type</translation>
    </message>
    <message>
      <source>Thời điểm nhận tin</source>
      <translation>Time received</translation>
    </message>
    <message>
      <source>Người báo tin</source>
      <translation>Reported by</translation>
    </message>
    <message>
      <source>Tóm tắt</source>
      <translation>Summary</translation>
    </message>
  </context>
  <context>
    <name>CasesPage</name>
    <message>
      <source>Tiếp nhận vụ việc mới…</source>
      <translation>New case intake…</translation>
    </message>
    <message>
      <source>Ghi nhận bước đã làm…</source>
      <translation>Record completed step…</translation>
    </message>
    <message>
      <source>Hạn theo Nghị định 56/2017/NĐ-CP: đánh giá nguy cơ ban đầu trong 12 giờ kể từ khi nhận thông tin; kế hoạch hỗ trợ trong 7 ngày làm việc. Dòng tô đỏ là quá hạn.</source>
      <translation>Deadlines under Decree 56/2017/ND-CP: initial risk assessment within 12 hours of receiving the information; support plan within 7 working days. Rows highlighted in red are overdue.</translation>
    </message>
    <message>
      <source>QUÁ HẠN: </source>
      <translation>OVERDUE: </translation>
    </message>
    <message>
      <source>{n} vụ việc, {late} quá hạn</source>
      <translation>{n} cases, {late} overdue</translation>
    </message>
    <message>
      <source>Không lưu được</source>
      <translation>Could not save</translation>
    </message>
    <message>
      <source>Ghi nhận bước</source>
      <translation>Record step</translation>
    </message>
    <message>
      <source>Chọn một vụ việc trước.</source>
      <translation>Select a case first.</translation>
    </message>
    <message>
      <source>Trẻ em</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>Loại vụ việc</source>
      <translation>Case type</translation>
    </message>
    <message>
      <source>Tiếp nhận</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Bước tiếp theo</source>
      <translation>Next step</translation>
    </message>
    <message>
      <source>Hạn</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <source>Tình trạng</source>
      <translation>Status</translation>
    </message>
  </context>
  <context>
    <name>ChildForm</name>
    <message>
      <source>dd/mm/yyyy, mm/yyyy hoặc chỉ năm</source>
      <translation>dd/mm/yyyy, mm/yyyy or year only</translation>
    </message>
    <message>
      <source>12 chữ số, nếu có</source>
      <translation>12 digits, if available</translation>
    </message>
    <message>
      <source>Bố, mẹ, ông, bà…</source>
      <translation>Father, mother, grandfather, grandmother…</translation>
    </message>
    <message>
      <source>Đã đăng ký khai sinh</source>
      <translation>Birth registered</translation>
    </message>
    <message>
      <source>Có thẻ BHYT (trẻ dưới 6 tuổi)</source>
      <translation>Has health insurance card (children under 6)</translation>
    </message>
    <message>
      <source>Họ và tên *</source>
      <translation>Full name *</translation>
    </message>
    <message>
      <source>Giới tính *</source>
      <translation>Sex *</translation>
    </message>
    <message>
      <source>Ngày sinh *</source>
      <translation>Date of birth *</translation>
    </message>
    <message>
      <source>Dân tộc</source>
      <translation>Ethnicity</translation>
    </message>
    <message>
      <source>Thôn/bản</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Số định danh cá nhân</source>
      <translation>Personal ID number</translation>
    </message>
    <message>
      <source>Tình trạng</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Người chăm sóc</source>
      <translation>Caregiver</translation>
    </message>
    <message>
      <source>Quan hệ với trẻ</source>
      <translation>Relationship to child</translation>
    </message>
    <message>
      <source>Điện thoại liên hệ</source>
      <translation>Contact phone</translation>
    </message>
    <message>
      <source>Học tập</source>
      <translation>Schooling</translation>
    </message>
    <message>
      <source>Hộ nghèo/cận nghèo</source>
      <translation>Poor/near-poor household</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Lưu (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>Quay lại danh sách (Esc)</source>
      <translation>Back to list (Esc)</translation>
    </message>
    <message>
      <source>Loại</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Nhóm</source>
      <translation>Group</translation>
    </message>
    <message>
      <source>Từ ngày</source>
      <translation>From</translation>
    </message>
    <message>
      <source>Đến ngày</source>
      <translation>To</translation>
    </message>
    <message>
      <source>Lý do kết thúc</source>
      <translation>Reason for ending</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Hình thức</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Số tiền</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Nguồn</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>Thêm hoàn cảnh…</source>
      <translation>Add circumstance…</translation>
    </message>
    <message>
      <source>Kết thúc hoàn cảnh đã chọn…</source>
      <translation>End selected circumstance…</translation>
    </message>
    <message>
      <source>Thêm trợ giúp…</source>
      <translation>Add support…</translation>
    </message>
    <message>
      <source>Hoàn cảnh đặc biệt và nguy cơ</source>
      <translation>Special circumstances and risks</translation>
    </message>
    <message>
      <source>Trợ giúp đã nhận</source>
      <translation>Support received</translation>
    </message>
    <message>
      <source>Thêm trẻ em mới</source>
      <translation>Add new child</translation>
    </message>
    <message>
      <source>Có thể bị trùng</source>
      <translation>Possible duplicate</translation>
    </message>
    <message>
      <source>Trong sổ đã có trẻ cùng tên, cùng năm sinh và cùng thôn/bản:</source>
      <translation>The register already has a child with the same name, year of birth and village:</translation>
    </message>
    <message>
      <source>Vẫn lưu trẻ này?</source>
      <translation>Save this child anyway?</translation>
    </message>
    <message>
      <source>Không lưu được</source>
      <translation>Could not save</translation>
    </message>
    <message>
      <source>Chưa lưu</source>
      <translation>Unsaved changes</translation>
    </message>
    <message>
      <source>Hồ sơ trẻ có thay đổi chưa lưu. Lưu trước khi rời đi?</source>
      <translation>The child's record has unsaved changes. Save before leaving?</translation>
    </message>
    <message>
      <source>Kết thúc hoàn cảnh</source>
      <translation>End circumstance</translation>
    </message>
    <message>
      <source>Chọn một dòng trước.</source>
      <translation>Select a row first.</translation>
    </message>
  </context>
  <context>
    <name>ChildrenPage</name>
    <message>
      <source>Tìm theo tên, số định danh, người chăm sóc, thôn/bản — gõ không dấu cũng được</source>
      <translation>Search by name, ID number, caregiver, village — diacritics optional</translation>
    </message>
    <message>
      <source>Thêm trẻ em (Ctrl+N)</source>
      <translation>Add child (Ctrl+N)</translation>
    </message>
    <message>
      <source>Mọi nhóm HCĐB</source>
      <translation>All special circumstance groups</translation>
    </message>
    <message>
      <source>Mọi nhóm nguy cơ</source>
      <translation>All risk groups</translation>
    </message>
    <message>
      <source>Hoàn cảnh đặc biệt</source>
      <translation>Special circumstances</translation>
    </message>
    <message>
      <source>Nguy cơ</source>
      <translation>Risk</translation>
    </message>
    <message>
      <source>Thôn/bản</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Độ tuổi</source>
      <translation>Age</translation>
    </message>
    <message>
      <source>Giới tính</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Dân tộc</source>
      <translation>Ethnicity</translation>
    </message>
    <message>
      <source>Tình trạng</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>{n} trẻ em</source>
      <translation>{n} children</translation>
    </message>
    <message>
      <source>Lỗi khi tìm: {e}</source>
      <translation>Search error: {e}</translation>
    </message>
  </context>
  <context>
    <name>CircumstanceDialog</name>
    <message>
      <source>Loại</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Nhóm</source>
      <translation>Group</translation>
    </message>
    <message>
      <source>Trường hợp (nhóm a)</source>
      <translation>Sub-case (group a)</translation>
    </message>
    <message>
      <source>Từ ngày</source>
      <translation>From</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>CommunePage</name>
    <message>
      <source>Xã/phường của bạn</source>
      <translation>Your commune/ward</translation>
    </message>
    <message>
      <source>Chọn theo danh mục đơn vị hành chính từ 01/7/2025. Gõ vài chữ, không dấu cũng được, để lọc.</source>
      <translation>Choose from the list of administrative units in effect from 1 July 2025. Type a few letters, diacritics optional, to filter.</translation>
    </message>
    <message>
      <source>Tỉnh/thành phố</source>
      <translation>Province/city</translation>
    </message>
    <message>
      <source>Xã/phường/đặc khu</source>
      <translation>Commune/ward/special zone</translation>
    </message>
    <message>
      <source>Trước 01/7/2025 thuộc {d}</source>
      <translation>Before 1 July 2025 part of {d}</translation>
    </message>
  </context>
  <context>
    <name>EndDialog</name>
    <message>
      <source>Ví dụ: đã ổn định, chuyển đi, đủ 16 tuổi</source>
      <translation>E.g. stabilised, moved away, turned 16</translation>
    </message>
    <message>
      <source>Ngày kết thúc</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>Lý do</source>
      <translation>Reason</translation>
    </message>
  </context>
  <context>
    <name>FirstRunWizard</name>
    <message>
      <source>Sổ Trẻ Em — thiết lập lần đầu</source>
      <translation>Sổ Trẻ Em — first-time setup</translation>
    </message>
    <message>
      <source>Tiếp theo &gt;</source>
      <translation>Next &gt;</translation>
    </message>
    <message>
      <source>&lt; Quay lại</source>
      <translation>&lt; Back</translation>
    </message>
    <message>
      <source>Hoàn tất</source>
      <translation>Finish</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Trẻ em</source>
      <translation>Children</translation>
    </message>
    <message>
      <source>Trường hợp bảo vệ</source>
      <translation>Protection cases</translation>
    </message>
    <message>
      <source>Hoạt động</source>
      <translation>Activities</translation>
    </message>
    <message>
      <source>Tập huấn</source>
      <translation>Training</translation>
    </message>
    <message>
      <source>Kế hoạch</source>
      <translation>Plan</translation>
    </message>
    <message>
      <source>Báo cáo</source>
      <translation>Reports</translation>
    </message>
    <message>
      <source>Đồng bộ</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>Cài đặt</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Đồng bộ: chưa kết nối máy chủ · {n} thay đổi chưa gửi</source>
      <translation>Sync: not connected to server · {n} unsent changes</translation>
    </message>
  </context>
  <context>
    <name>OfficerPage</name>
    <message>
      <source>Tài khoản cán bộ phụ trách</source>
      <translation>Officer-in-charge account</translation>
    </message>
    <message>
      <source>Tài khoản này có toàn quyền, kể cả xem các vụ việc bảo vệ trẻ em.</source>
      <translation>This account has full access, including viewing child protection cases.</translation>
    </message>
    <message>
      <source>Họ và tên</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Tên đăng nhập</source>
      <translation>Username</translation>
    </message>
    <message>
      <source>Mật khẩu (ít nhất {n} ký tự)</source>
      <translation>Password (at least {n} characters)</translation>
    </message>
    <message>
      <source>Nhập lại mật khẩu</source>
      <translation>Re-enter password</translation>
    </message>
    <message>
      <source>Nhập họ tên và tên đăng nhập.</source>
      <translation>Enter the full name and username.</translation>
    </message>
    <message>
      <source>Mật khẩu cần ít nhất {n} ký tự.</source>
      <translation>The password must be at least {n} characters.</translation>
    </message>
    <message>
      <source>Hai lần nhập mật khẩu không giống nhau.</source>
      <translation>The two passwords do not match.</translation>
    </message>
  </context>
  <context>
    <name>QWidget</name>
    <message>
      <source>Lưu</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Không lưu</source>
      <translation>Don't save</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Có</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>Không</source>
      <translation>No</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <source>Ngôn ngữ giao diện</source>
      <translation>Interface language</translation>
    </message>
    <message>
      <source>Xã/phường</source>
      <translation>Commune/ward</translation>
    </message>
    <message>
      <source>Tỉnh/thành phố</source>
      <translation>Province/city</translation>
    </message>
    <message>
      <source>Huyện cũ (trước 01/7/2025)</source>
      <translation>Former district (before 1 July 2025)</translation>
    </message>
    <message>
      <source>Tệp dữ liệu</source>
      <translation>Data file</translation>
    </message>
    <message>
      <source>Mã thiết bị</source>
      <translation>Device ID</translation>
    </message>
    <message>
      <source>Phiên bản</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Đã lưu. Ngôn ngữ mới có hiệu lực khi mở lại ứng dụng.</source>
      <translation>Saved. The new language takes effect when the application is restarted.</translation>
    </message>
  </context>
  <context>
    <name>StepDialog</name>
    <message>
      <source>Ghi nhận bước đã làm — {name}</source>
      <translation>Record completed step — {name}</translation>
    </message>
    <message>
      <source>Bước</source>
      <translation>Step</translation>
    </message>
    <message>
      <source>Hoàn thành lúc</source>
      <translation>Completed at</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>SupportDialog</name>
    <message>
      <source>đồng, ví dụ 540.000</source>
      <translation>VND, e.g. 540,000</translation>
    </message>
    <message>
      <source>Hình thức</source>
      <translation>Type of support</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Số tiền</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Nguồn kinh phí</source>
      <translation>Funding source</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>_FormDialog</name>
    <message>
      <source>Lưu</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>parent</name>
    <message>
      <source>Thêm hoàn cảnh</source>
      <translation>Add circumstance</translation>
    </message>
    <message>
      <source>Kết thúc hoàn cảnh</source>
      <translation>End circumstance</translation>
    </message>
    <message>
      <source>Thêm trợ giúp</source>
      <translation>Add support</translation>
    </message>
  </context>
  <context>
    <name>categories</name>
    <message>
      <source>Bí thư chi bộ</source>
      <translation>Party cell secretary</translation>
    </message>
    <message>
      <source>Bóc lột, lao động trẻ em</source>
      <translation>Exploitation, child labour</translation>
    </message>
    <message>
      <source>Bạo lực</source>
      <translation>Violence</translation>
    </message>
    <message>
      <source>Bỏ học</source>
      <translation>Dropped out</translation>
    </message>
    <message>
      <source>Bỏ rơi, bỏ mặc</source>
      <translation>Abandonment, neglect</translation>
    </message>
    <message>
      <source>Cha mẹ / người chăm sóc</source>
      <translation>Parent / caregiver</translation>
    </message>
    <message>
      <source>Chuyển đi</source>
      <translation>Moved away</translation>
    </message>
    <message>
      <source>Chăm sóc sức khỏe, bảo hiểm y tế</source>
      <translation>Health care, health insurance</translation>
    </message>
    <message>
      <source>Chăm sóc thay thế</source>
      <translation>Alternative care</translation>
    </message>
    <message>
      <source>Chưa đi học</source>
      <translation>Not yet in school</translation>
    </message>
    <message>
      <source>Chỉ tiêu khác</source>
      <translation>Other indicator</translation>
    </message>
    <message>
      <source>Chỉ xem</source>
      <translation>View only</translation>
    </message>
    <message>
      <source>Cán bộ</source>
      <translation>Official</translation>
    </message>
    <message>
      <source>Cán bộ phụ trách (toàn quyền)</source>
      <translation>Officer in charge (full access)</translation>
    </message>
    <message>
      <source>Có nguy cơ rơi vào hoàn cảnh đặc biệt</source>
      <translation>At risk of special circumstances</translation>
    </message>
    <message>
      <source>Cộng tác viên</source>
      <translation>Collaborator</translation>
    </message>
    <message>
      <source>Cộng đồng, nhà hảo tâm</source>
      <translation>Community, donors</translation>
    </message>
    <message>
      <source>Diễn đàn trẻ em</source>
      <translation>Children's forum</translation>
    </message>
    <message>
      <source>Dưới 3 tuổi</source>
      <translation>Under 3 years</translation>
    </message>
    <message>
      <source>Giáo viên</source>
      <translation>Teacher</translation>
    </message>
    <message>
      <source>Hoàn cảnh đặc biệt</source>
      <translation>Special circumstances</translation>
    </message>
    <message>
      <source>Học bổng</source>
      <translation>Scholarship</translation>
    </message>
    <message>
      <source>Hỗ trợ giáo dục (miễn giảm học phí, chi phí học tập)</source>
      <translation>Education support (tuition exemption/reduction, study costs)</translation>
    </message>
    <message>
      <source>Hộ cận nghèo</source>
      <translation>Near-poor household</translation>
    </message>
    <message>
      <source>Hộ nghèo</source>
      <translation>Poor household</translation>
    </message>
    <message>
      <source>Khác</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>Không</source>
      <translation>None</translation>
    </message>
    <message>
      <source>Không có người chăm sóc</source>
      <translation>No caregiver</translation>
    </message>
    <message>
      <source>Kiểm tra, giám sát</source>
      <translation>Inspection and supervision</translation>
    </message>
    <message>
      <source>Kỹ năng sống, kỹ năng bảo vệ trẻ em</source>
      <translation>Life skills, child protection skills</translation>
    </message>
    <message>
      <source>Lập kế hoạch hỗ trợ, can thiệp (Mẫu số 04, 05)</source>
      <translation>Support and intervention planning (Forms 04, 05)</translation>
    </message>
    <message>
      <source>Mua bán</source>
      <translation>Trafficking</translation>
    </message>
    <message>
      <source>Mô hình bảo vệ trẻ em</source>
      <translation>Child protection model</translation>
    </message>
    <message>
      <source>Mầm non</source>
      <translation>Preschool</translation>
    </message>
    <message>
      <source>Nam</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>Ngân sách nhà nước</source>
      <translation>State budget</translation>
    </message>
    <message>
      <source>Người hỗ trợ (không xem vụ việc bảo vệ)</source>
      <translation>Assistant (cannot view protection cases)</translation>
    </message>
    <message>
      <source>Nơi tạm trú an toàn</source>
      <translation>Safe temporary shelter</translation>
    </message>
    <message>
      <source>Nữ</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>Phòng chống bạo lực, xâm hại trẻ em</source>
      <translation>Prevention of violence and abuse against children</translation>
    </message>
    <message>
      <source>Phòng chống tai nạn thương tích, đuối nước</source>
      <translation>Prevention of injuries and drowning</translation>
    </message>
    <message>
      <source>Phòng ngừa lao động trẻ em</source>
      <translation>Prevention of child labour</translation>
    </message>
    <message>
      <source>Quà, hiện vật</source>
      <translation>Gifts, in-kind support</translation>
    </message>
    <message>
      <source>Quỹ Bảo trợ trẻ em</source>
      <translation>Child Protection Fund</translation>
    </message>
    <message>
      <source>Số buổi truyền thông</source>
      <translation>Number of communication events</translation>
    </message>
    <message>
      <source>Số diễn đàn trẻ em</source>
      <translation>Number of children's forums</translation>
    </message>
    <message>
      <source>Số hoạt động Tháng hành động vì trẻ em</source>
      <translation>Number of Month of Action for Children activities</translation>
    </message>
    <message>
      <source>Số lượt người tham gia tập huấn</source>
      <translation>Number of training participants (attendances)</translation>
    </message>
    <message>
      <source>Số lớp tập huấn</source>
      <translation>Number of training courses</translation>
    </message>
    <message>
      <source>Số tiền vận động Quỹ Bảo trợ trẻ em (đồng)</source>
      <translation>Amount raised for the Child Protection Fund (VND)</translation>
    </message>
    <message>
      <source>Theo dõi, đánh giá, đóng hồ sơ</source>
      <translation>Monitoring, evaluation and case closure</translation>
    </message>
    <message>
      <source>Tháng hành động vì trẻ em</source>
      <translation>Month of Action for Children</translation>
    </message>
    <message>
      <source>Thăm hỏi, tặng quà</source>
      <translation>Visits and gifts</translation>
    </message>
    <message>
      <source>Thực hiện kế hoạch</source>
      <translation>Plan implementation</translation>
    </message>
    <message>
      <source>Tiếp nhận thông tin (Mẫu số 01)</source>
      <translation>Receiving information (Form 01)</translation>
    </message>
    <message>
      <source>Tiểu học</source>
      <translation>Primary school</translation>
    </message>
    <message>
      <source>Trao học bổng</source>
      <translation>Scholarship awards</translation>
    </message>
    <message>
      <source>Trung học cơ sở</source>
      <translation>Lower secondary school</translation>
    </message>
    <message>
      <source>Trung học phổ thông</source>
      <translation>Upper secondary school</translation>
    </message>
    <message>
      <source>Truyền thông</source>
      <translation>Communication</translation>
    </message>
    <message>
      <source>Trưởng thôn/bản, tổ dân phố</source>
      <translation>Village / residential group head</translation>
    </message>
    <message>
      <source>Trẻ em</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>Trẻ em bị bóc lột</source>
      <translation>Exploited children</translation>
    </message>
    <message>
      <source>Trẻ em bị bỏ rơi</source>
      <translation>Abandoned children</translation>
    </message>
    <message>
      <source>Trẻ em bị mua bán</source>
      <translation>Trafficked children</translation>
    </message>
    <message>
      <source>Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực</source>
      <translation>Children suffering serious physical and mental harm from violence</translation>
    </message>
    <message>
      <source>Trẻ em bị xâm hại tình dục</source>
      <translation>Sexually abused children</translation>
    </message>
    <message>
      <source>Trẻ em bỏ học, có nguy cơ bỏ học</source>
      <translation>Children who have dropped out of or are at risk of dropping out of school</translation>
    </message>
    <message>
      <source>Trẻ em có cha hoặc mẹ nghiện ma túy, nghiện rượu</source>
      <translation>Children with a parent addicted to drugs or alcohol</translation>
    </message>
    <message>
      <source>Trẻ em có cha hoặc mẹ đang chấp hành án phạt tù</source>
      <translation>Children with a parent serving a prison sentence</translation>
    </message>
    <message>
      <source>Trẻ em có cha mẹ ly hôn, ly thân</source>
      <translation>Children whose parents are divorced or separated</translation>
    </message>
    <message>
      <source>Trẻ em có cha mẹ đi làm ăn xa, sống với ông bà, người thân</source>
      <translation>Children whose parents work away from home, living with grandparents or relatives</translation>
    </message>
    <message>
      <source>Trẻ em có nguy cơ bị xâm hại, bóc lột</source>
      <translation>Children at risk of abuse or exploitation</translation>
    </message>
    <message>
      <source>Trẻ em có nguy cơ tảo hôn</source>
      <translation>Children at risk of child marriage</translation>
    </message>
    <message>
      <source>Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc</source>
      <translation>Migrant, displaced and refugee children whose parents are unidentified or who have no caregiver</translation>
    </message>
    <message>
      <source>Trẻ em khuyết tật</source>
      <translation>Children with disabilities</translation>
    </message>
    <message>
      <source>Trẻ em không nơi nương tựa</source>
      <translation>Children without a source of support</translation>
    </message>
    <message>
      <source>Trẻ em mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo hoặc hộ cận nghèo</source>
      <translation>Children with life-threatening or long-term illnesses from poor or near-poor households</translation>
    </message>
    <message>
      <source>Trẻ em mồ côi cha hoặc mẹ</source>
      <translation>Children orphaned of one parent</translation>
    </message>
    <message>
      <source>Trẻ em mồ côi cả cha và mẹ</source>
      <translation>Children orphaned of both parents</translation>
    </message>
    <message>
      <source>Trẻ em nghiện ma túy</source>
      <translation>Children addicted to drugs</translation>
    </message>
    <message>
      <source>Trẻ em nhiễm HIV/AIDS</source>
      <translation>Children living with HIV/AIDS</translation>
    </message>
    <message>
      <source>Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục trung học cơ sở</source>
      <translation>Children who drop out of school to earn a living without completing universal lower secondary education</translation>
    </message>
    <message>
      <source>Trẻ em phải lao động, làm việc</source>
      <translation>Children who have to work</translation>
    </message>
    <message>
      <source>Trẻ em sống trong gia đình có bạo lực</source>
      <translation>Children living in families with domestic violence</translation>
    </message>
    <message>
      <source>Trẻ em thuộc hộ nghèo, hộ cận nghèo</source>
      <translation>Children from poor or near-poor households</translation>
    </message>
    <message>
      <source>Trẻ em vi phạm pháp luật</source>
      <translation>Children in conflict with the law</translation>
    </message>
    <message>
      <source>Trợ cấp xã hội hằng tháng</source>
      <translation>Monthly social allowance</translation>
    </message>
    <message>
      <source>Trợ giúp pháp lý</source>
      <translation>Legal aid</translation>
    </message>
    <message>
      <source>Tình nguyện viên</source>
      <translation>Volunteer</translation>
    </message>
    <message>
      <source>Tư vấn, trị liệu tâm lý</source>
      <translation>Psychological counselling and therapy</translation>
    </message>
    <message>
      <source>Tảo hôn</source>
      <translation>Child marriage</translation>
    </message>
    <message>
      <source>Tết Trung thu / Quốc tế Thiếu nhi / Tết Nguyên đán</source>
      <translation>Mid-Autumn Festival / International Children's Day / Lunar New Year</translation>
    </message>
    <message>
      <source>Tổ chức, dự án</source>
      <translation>Organisations, projects</translation>
    </message>
    <message>
      <source>Từ 11 đến dưới 16 tuổi</source>
      <translation>11 to under 16 years</translation>
    </message>
    <message>
      <source>Từ 3 đến 5 tuổi</source>
      <translation>3 to 5 years</translation>
    </message>
    <message>
      <source>Từ 6 đến 10 tuổi</source>
      <translation>6 to 10 years</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp (%)</source>
      <translation>Percentage of children in special circumstances receiving support (%)</translation>
    </message>
    <message>
      <source>Xâm hại tình dục</source>
      <translation>Sexual abuse</translation>
    </message>
    <message>
      <source>Đang sống cùng người thân thích</source>
      <translation>Living with relatives</translation>
    </message>
    <message>
      <source>Đang theo dõi</source>
      <translation>Being monitored</translation>
    </message>
    <message>
      <source>Đang xử lý</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Đang được chăm sóc thay thế (không phải nhận con nuôi)</source>
      <translation>In alternative care (not adoption)</translation>
    </message>
    <message>
      <source>Đang được chăm sóc tại cơ sở trợ giúp xã hội</source>
      <translation>Cared for at a social assistance facility</translation>
    </message>
    <message>
      <source>Đánh giá chi tiết (Mẫu số 03)</source>
      <translation>Detailed assessment (Form 03)</translation>
    </message>
    <message>
      <source>Đánh giá nguy cơ ban đầu (Mẫu số 02)</source>
      <translation>Initial risk assessment (Form 02)</translation>
    </message>
    <message>
      <source>Đã mất</source>
      <translation>Deceased</translation>
    </message>
    <message>
      <source>Đã đóng</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>Đủ 16 tuổi</source>
      <translation>Turned 16</translation>
    </message>
  </context>
  <context>
    <name>ChildTableModel</name>
    <message>
      <source>STT</source>
      <translation>No.</translation>
    </message>
    <message>
      <source>Họ và tên</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Giới tính</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Ngày sinh</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>Dân tộc</source>
      <translation>Ethnicity</translation>
    </message>
    <message>
      <source>Thôn/bản</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Hoàn cảnh đặc biệt</source>
      <translation>Special circumstances</translation>
    </message>
    <message>
      <source>Nguy cơ</source>
      <translation>Risk</translation>
    </message>
    <message>
      <source>Người chăm sóc</source>
      <translation>Caregiver</translation>
    </message>
    <message>
      <source>Tình trạng</source>
      <translation>Status</translation>
    </message>
  </context>
</TS>