<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
  <context>
    <name>AccountCombo</name>
    <message>
      <source>cán bộ phụ trách</source>
      <translation>officer</translation>
    </message>
    <message>
      <source>người hỗ trợ</source>
      <translation>assistant</translation>
    </message>
    <message>
      <source>chỉ xem</source>
      <translation>read-only</translation>
    </message>
  </context>
  <context>
    <name>AccountsBox</name>
    <message>
      <source>Tài khoản và mật khẩu</source>
      <translation>Accounts and passwords</translation>
    </message>
    <message>
      <source>Đổi mật khẩu của tôi</source>
      <translation>Change my password</translation>
    </message>
    <message>
      <source>Mật khẩu mới</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>Nhập lại</source>
      <translation>Repeat</translation>
    </message>
    <message>
      <source>Tên đăng nhập</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>Họ và tên</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Trạng thái</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>mật khẩu mới cho tài khoản đã chọn</source>
      <translation>new password for the selected account</translation>
    </message>
    <message>
      <source>Đặt lại mật khẩu</source>
      <translation>Reset password</translation>
    </message>
    <message>
      <source>Khóa tài khoản</source>
      <translation>Disable account</translation>
    </message>
    <message>
      <source>Mở lại</source>
      <translation>Enable</translation>
    </message>
    <message>
      <source>Xóa tài khoản</source>
      <translation>Remove account</translation>
    </message>
    <message>
      <source>Đổi khóa mã hóa</source>
      <translation>Rotate encryption keys</translation>
    </message>
    <message>
      <source>Thêm tài khoản</source>
      <translation>Add account</translation>
    </message>
    <message>
      <source>Mật khẩu (ít nhất {n} ký tự)</source>
      <translation>Password (at least {n} characters)</translation>
    </message>
    <message>
      <source>đã khóa</source>
      <translation>disabled</translation>
    </message>
    <message>
      <source>cần đặt lại mật khẩu</source>
      <translation>password reset needed</translation>
    </message>
    <message>
      <source>đang dùng</source>
      <translation>in use</translation>
    </message>
    <message>
      <source>Cần đặt lại mật khẩu: {names}.</source>
      <translation>Password reset needed: {names}.</translation>
    </message>
    <message>
      <source>Chọn một tài khoản trong danh sách.</source>
      <translation>Choose an account in the list.</translation>
    </message>
    <message>
      <source>Tài khoản</source>
      <translation>Accounts</translation>
    </message>
    <message>
      <source>Khóa tài khoản {u}? Mật khẩu của tài khoản này sẽ không mở được sổ nữa cho đến khi mở lại; khóa mã hóa được đổi và dữ liệu được mã hóa lại (có thể mất một lúc).</source>
      <translation>Disable account {u}? Its password will not open the register until it is enabled again; the encryption keys are rotated and the data re-encrypted (this may take a while).</translation>
    </message>
    <message>
      <source>Đã khóa tài khoản {u} và đổi khóa mã hóa.</source>
      <translation>Account {u} disabled and the encryption keys rotated.</translation>
    </message>
    <message>
      <source>Đã mở lại tài khoản {u}.</source>
      <translation>Account {u} enabled again.</translation>
    </message>
    <message>
      <source>Xóa tài khoản {u}? Nhật ký truy cập của tài khoản này vẫn được giữ; khóa mã hóa được đổi và dữ liệu được mã hóa lại (có thể mất một lúc).</source>
      <translation>Remove account {u}? Its access log is kept; the encryption keys are rotated and the data re-encrypted (this may take a while).</translation>
    </message>
    <message>
      <source>Đã xóa tài khoản {u} và đổi khóa mã hóa.</source>
      <translation>Account {u} removed and the encryption keys rotated.</translation>
    </message>
    <message>
      <source>Đổi khóa mã hóa ngay? Dữ liệu được mã hóa lại bằng khóa mới (có thể mất một lúc); bản sao cũ của tệp khóa không mở được dữ liệu mới nữa.</source>
      <translation>Rotate the encryption keys now? The data is re-encrypted with a new key (this may take a while); old copies of the key file will not open the new data.</translation>
    </message>
    <message>
      <source>Đã đổi khóa mã hóa.</source>
      <translation>Encryption keys rotated.</translation>
    </message>
    <message>
      <source>Hai lần nhập mật khẩu không giống nhau.</source>
      <translation>The two passwords differ.</translation>
    </message>
    <message>
      <source>Đã đổi mật khẩu của {u}.</source>
      <translation>Password of {u} changed.</translation>
    </message>
    <message>
      <source>Đã đặt lại mật khẩu của {u}.</source>
      <translation>Password of {u} reset.</translation>
    </message>
    <message>
      <source>Đã thêm tài khoản {u}.</source>
      <translation>Account {u} added.</translation>
    </message>
  </context>
  <context>
    <name>ActivitiesPage</name>
    <message>
      <source>Cả năm</source>
      <translation>Whole year</translation>
    </message>
    <message>
      <source>Tháng {m}</source>
      <translation>Month {m}</translation>
    </message>
    <message>
      <source>Mọi loại hoạt động</source>
      <translation>All activity types</translation>
    </message>
    <message>
      <source>Mọi thôn/bản</source>
      <translation>All villages</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Loại hoạt động</source>
      <translation>Activity type</translation>
    </message>
    <message>
      <source>Tên hoạt động</source>
      <translation>Activity name</translation>
    </message>
    <message>
      <source>Thôn/bản, địa điểm</source>
      <translation>Village, venue</translation>
    </message>
    <message>
      <source>Người lớn (nam/nữ)</source>
      <translation>Adults (male/female)</translation>
    </message>
    <message>
      <source>Trẻ em (nam/nữ)</source>
      <translation>Children (male/female)</translation>
    </message>
    <message>
      <source>Trẻ em HCĐB</source>
      <translation>Children in special circumstances</translation>
    </message>
    <message>
      <source>Tổng số</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Kinh phí</source>
      <translation>Cost</translation>
    </message>
    <message>
      <source>Nguồn kinh phí</source>
      <translation>Source of funds</translation>
    </message>
    <message>
      <source>Ghi hoạt động mới…</source>
      <translation>Record new activity…</translation>
    </message>
    <message>
      <source>Xóa hoạt động</source>
      <translation>Delete activity</translation>
    </message>
    <message>
      <source>Năm</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>hoạt động “{title}”</source>
      <translation>activity “{title}”</translation>
    </message>
    <message>
      <source>{n} hoạt động · {people} lượt người tham gia ({children} trẻ em, trong đó {special} trẻ em có hoàn cảnh đặc biệt) · kinh phí {cost}</source>
      <translation>{n} activities · {people} participants ({children} children, of whom {special} in special circumstances) · cost {cost}</translation>
    </message>
  </context>
  <context>
    <name>ActivityDialog</name>
    <message>
      <source>Sửa hoạt động</source>
      <translation>Edit activity</translation>
    </message>
    <message>
      <source>Ghi hoạt động mới</source>
      <translation>Record new activity</translation>
    </message>
    <message>
      <source>Ví dụ: Truyền thông phòng chống đuối nước</source>
      <translation>E.g. Drowning prevention communication event</translation>
    </message>
    <message>
      <source>ngày kết thúc, nếu có</source>
      <translation>end date, if any</translation>
    </message>
    <message>
      <source>Nhà văn hóa thôn, trường học…</source>
      <translation>Village cultural house, school…</translation>
    </message>
    <message>
      <source>Đoàn Thanh niên, Hội Phụ nữ, trường học…</source>
      <translation>Youth Union, Women's Union, school…</translation>
    </message>
    <message>
      <source>đồng, ví dụ 1.500.000</source>
      <translation>VND, e.g. 1.500.000</translation>
    </message>
    <message>
      <source>Loại hoạt động *</source>
      <translation>Activity type *</translation>
    </message>
    <message>
      <source>Tên hoạt động *</source>
      <translation>Activity name *</translation>
    </message>
    <message>
      <source>đến</source>
      <translation>to</translation>
    </message>
    <message>
      <source>Thời gian *</source>
      <translation>Dates *</translation>
    </message>
    <message>
      <source>Thôn/bản</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Địa điểm</source>
      <translation>Venue</translation>
    </message>
    <message>
      <source>Đơn vị tổ chức</source>
      <translation>Organiser</translation>
    </message>
    <message>
      <source>Đơn vị phối hợp</source>
      <translation>Partners</translation>
    </message>
    <message>
      <source>Người tham gia</source>
      <translation>Participants</translation>
    </message>
    <message>
      <source>Kinh phí (đồng)</source>
      <translation>Cost (VND)</translation>
    </message>
    <message>
      <source>Nguồn kinh phí</source>
      <translation>Source of funds</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Nam</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>Nữ</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>Người lớn</source>
      <translation>Adults</translation>
    </message>
    <message>
      <source>Trẻ em</source>
      <translation>Children</translation>
    </message>
    <message>
      <source>Trong đó trẻ em có hoàn cảnh đặc biệt</source>
      <translation>Of whom children in special circumstances</translation>
    </message>
    <message>
      <source>Tổng số: {total} người ({adults} người lớn, {children} trẻ em)</source>
      <translation>Total: {total} people ({adults} adults, {children} children)</translation>
    </message>
  </context>
  <context>
    <name>AssessmentPage</name>
    <message>
      <source>Năm</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>Họ tên Chủ tịch UBND xã (người ký)</source>
      <translation>Name of the commune chair (signatory)</translation>
    </message>
    <message>
      <source>Lưu PDF để trình ký…</source>
      <translation>Save PDF for signature…</translation>
    </message>
    <message>
      <source>Đánh dấu đã gửi</source>
      <translation>Mark as sent</translation>
    </message>
    <message>
      <source>Người ký</source>
      <translation>Signatory</translation>
    </message>
    <message>
      <source>Số</source>
      <translation>No.</translation>
    </message>
    <message>
      <source>Tiêu chí</source>
      <translation>Criterion</translation>
    </message>
    <message>
      <source>Cách xét</source>
      <translation>How it is judged</translation>
    </message>
    <message>
      <source>Kết quả</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>Minh chứng</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <source>Đánh giá</source>
      <translation>Assessment</translation>
    </message>
    <message>
      <source>Nhập kết quả, minh chứng…</source>
      <translation>Enter result and evidence…</translation>
    </message>
    <message>
      <source>Xã</source>
      <translation>Commune</translation>
    </message>
    <message>
      <source>Đã gửi</source>
      <translation>Sent</translation>
    </message>
    <message>
      <source>Tiêu chí đạt</source>
      <translation>Criteria met</translation>
    </message>
    <message>
      <source>Đạt chuẩn</source>
      <translation>Meets the standard</translation>
    </message>
    <message>
      <source>Tiêu chí chưa đạt</source>
      <translation>Criteria not met</translation>
    </message>
    <message>
      <source>Không dùng được bộ tiêu chí: {e}</source>
      <translation>The criteria cannot be used: {e}</translation>
    </message>
    <message>
      <source>Bộ tiêu chí: {title} — {decision}, phiên bản {version}.</source>
      <translation>Criteria: {title} — {decision}, version {version}.</translation>
    </message>
    <message>
      <source>Nội dung đánh dấu “chưa xác nhận” là diễn đạt lại, chưa đối chiếu nguyên văn Quyết định; tỉnh có thể thay tệp tiêu chí.</source>
      <translation>Wording marked “not confirmed” is a paraphrase, not checked against the decision's text; the province may replace the criteria file.</translation>
    </message>
    <message>
      <source>Năm {year}: đạt {met}/{total} tiêu chí, {undecided} chưa xác định. </source>
      <translation>{year}: {met}/{total} criteria met, {undecided} not decided. </translation>
    </message>
    <message>
      <source>Đạt chuẩn.</source>
      <translation>Meets the standard.</translation>
    </message>
    <message>
      <source>Chưa đạt chuẩn.</source>
      <translation>Does not meet the standard yet.</translation>
    </message>
    <message>
      <source>Đã gửi ngày {d}: bản này đã khóa.</source>
      <translation>Sent on {d}: this assessment is locked.</translation>
    </message>
    <message>
      <source>chưa gửi</source>
      <translation>not sent</translation>
    </message>
    <message>
      <source>Đạt</source>
      <translation>Met</translation>
    </message>
    <message>
      <source>Chưa đạt</source>
      <translation>Not met</translation>
    </message>
    <message>
      <source>Kết quả tự đánh giá của các xã năm {year}, theo bản các xã đã gửi (xã chưa gửi: theo số liệu hiện có).</source>
      <translation>The communes' self-assessments of {year}, as they sent them (communes that have not sent: as the data stand).</translation>
    </message>
    <message>
      <source>{meets}/{n} xã đạt chuẩn theo bản đã gửi; {sent} xã đã gửi.</source>
      <translation>{meets}/{n} communes meet the standard as sent; {sent} communes have sent.</translation>
    </message>
    <message>
      <source>Đánh dấu bản tự đánh giá năm {year} là đã gửi? Sau đó bản này được khóa, không sửa được nữa, và được đồng bộ lên tỉnh.</source>
      <translation>Mark the {year} self-assessment as sent? It is then locked, can no longer be changed, and is synced to the province.</translation>
    </message>
    <message>
      <source>Chưa đánh dấu được</source>
      <translation>Not marked as sent</translation>
    </message>
    <message>
      <source>Lưu bản tự đánh giá</source>
      <translation>Save the self-assessment</translation>
    </message>
    <message>
      <source>Đang tạo bản tự đánh giá…</source>
      <translation>Writing the self-assessment…</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em dưới 16 tuổi đã đăng ký khai sinh</source>
      <translation>Share of children under 16 with their birth registered</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế</source>
      <translation>Share of children under 6 with a health insurance card</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em từ 3 đến 5 tuổi đi học mầm non</source>
      <translation>Share of children aged 3 to 5 in pre-school</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp</source>
      <translation>Share of children in special circumstances supported</translation>
    </message>
    <message>
      <source>Tỷ lệ vụ xâm hại tình dục, bỏ rơi, mua bán trẻ em có kế hoạch hỗ trợ</source>
      <translation>Share of sexual abuse, abandonment and trafficking cases with a support plan</translation>
    </message>
    <message>
      <source>Số trẻ em bị xâm hại</source>
      <translation>Children abused</translation>
    </message>
    <message>
      <source>Số trẻ em vi phạm pháp luật, nghiện ma túy</source>
      <translation>Children in conflict with the law or addicted to drugs</translation>
    </message>
    <message>
      <source>Số lượt trẻ em bị tai nạn, thương tích</source>
      <translation>Injuries of children</translation>
    </message>
    <message>
      <source>Số trẻ em tử vong do tai nạn, thương tích</source>
      <translation>Children who died of injuries</translation>
    </message>
    <message>
      <source>Số trẻ em tử vong do đuối nước</source>
      <translation>Children who drowned</translation>
    </message>
    <message>
      <source>vi</source>
      <translation>en</translation>
    </message>
    <message>
      <source>Chưa xác định</source>
      <translation>Not decided</translation>
    </message>
    <message>
      <source>cán bộ xác định, có minh chứng</source>
      <translation>the officer decides, with evidence</translation>
    </message>
    <message>
      <source>chưa xác nhận</source>
      <translation>not confirmed</translation>
    </message>
    <message>
      <source>chưa xác nhận</source>
      <translation>not confirmed</translation>
    </message>
    <message>
      <source>{name}: không có trường hợp nào</source>
      <translation>{name}: no cases</translation>
    </message>
    <message>
      <source>kết quả nhập</source>
      <translation>entered result</translation>
    </message>
  </context>
  <context>
    <name>AuditPage</name>
    <message>
      <source>Mọi người dùng</source>
      <translation>All users</translation>
    </message>
    <message>
      <source>Mọi thao tác</source>
      <translation>All actions</translation>
    </message>
    <message>
      <source>từ ngày dd/mm/yyyy</source>
      <translation>from dd/mm/yyyy</translation>
    </message>
    <message>
      <source>đến ngày dd/mm/yyyy</source>
      <translation>to dd/mm/yyyy</translation>
    </message>
    <message>
      <source>Tìm theo tên trẻ, nội dung (không dấu cũng được)</source>
      <translation>Search by child name or content (diacritics optional)</translation>
    </message>
    <message>
      <source>Xuất Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <source>Nhật ký ghi lại ai đã xem, thêm, sửa, xuất tệp hoặc in hồ sơ trẻ em và vụ việc. Nhật ký chỉ được ghi thêm, không ai sửa hay xóa được, và được đồng bộ lên cấp trên.</source>
      <translation>The log records who viewed, added, changed, exported or printed children's records and cases. Entries can only be added, never changed or deleted, and are synchronised upward.</translation>
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
      <source>{n} dòng nhật ký</source>
      <translation>{n} log entries</translation>
    </message>
    <message>
      <source>Lỗi khi đọc nhật ký: {e}</source>
      <translation>Error reading the log: {e}</translation>
    </message>
    <message>
      <source>Xuất nhật ký truy cập</source>
      <translation>Export access log</translation>
    </message>
    <message>
      <source>Đang xuất nhật ký truy cập…</source>
      <translation>Exporting the access log…</translation>
    </message>
  </context>
  <context>
    <name>BackupBox</name>
    <message>
      <source>Sao lưu và khôi phục</source>
      <translation>Backup and restore</translation>
    </message>
    <message>
      <source>Sao lưu ra thư mục/USB…</source>
      <translation>Back up to a folder/USB…</translation>
    </message>
    <message>
      <source>Khôi phục từ bản sao lưu…</source>
      <translation>Restore from a backup…</translation>
    </message>
    <message>
      <source>Ứng dụng tự sao lưu khi đóng và mỗi ngày (thư mục backups cạnh tệp dữ liệu). Bản sao được mã hóa như dữ liệu; tệp .keys.json đi kèm phải được chép cùng.</source>
      <translation>The application backs up on exit and daily (the backups folder beside the data file). Backups are encrypted like the data; copy the .keys.json file that goes with each one.</translation>
    </message>
    <message>
      <source>Chọn thư mục hoặc USB</source>
      <translation>Choose a folder or USB stick</translation>
    </message>
    <message>
      <source>Đang sao lưu…</source>
      <translation>Backing up…</translation>
    </message>
    <message>
      <source>Đã sao lưu vào {path} ({what}).</source>
      <translation>Backed up to {path} ({what}).</translation>
    </message>
    <message>
      <source>Bản sao lưu lúc {what}.</source>
      <translation>Backup of {what}.</translation>
    </message>
    <message>
      <source>Khi chép sang nơi khác, chép cả tệp {keys} đi kèm.</source>
      <translation>When copying it elsewhere, copy the file {keys} with it.</translation>
    </message>
    <message>
      <source>Chọn bản sao lưu</source>
      <translation>Choose a backup</translation>
    </message>
    <message>
      <source>Bản sao lưu Sổ Trẻ Em (*.db)</source>
      <translation>Sổ Trẻ Em backups (*.db)</translation>
    </message>
    <message>
      <source>Bản sao lưu {name} — {what}.
Dữ liệu hiện tại sẽ được thay bằng bản này (một bản của dữ liệu hiện tại vẫn được giữ trong thư mục backups).</source>
      <translation>Backup {name} — {what}.
The current data will be replaced by it (a copy of the current data is kept in the backups folder).</translation>
    </message>
    <message>
      <source>CẢNH BÁO: dữ liệu hiện tại còn {n} thay đổi chưa gửi lên máy chủ; sau khi khôi phục chúng chỉ còn trong bản giữ lại.</source>
      <translation>WARNING: the current data has {n} changes not yet sent to the server; after the restore they remain only in the kept copy.</translation>
    </message>
    <message>
      <source>Khôi phục bản sao lưu?</source>
      <translation>Restore the backup?</translation>
    </message>
  </context>
  <context>
    <name>CaseDetail</name>
    <message>
      <source>Bước</source>
      <translation>Step</translation>
    </message>
    <message>
      <source>Biểu mẫu</source>
      <translation>Form</translation>
    </message>
    <message>
      <source>Hạn</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>Hoàn thành lúc</source>
      <translation>Done at</translation>
    </message>
    <message>
      <source>Người ghi</source>
      <translation>Recorded by</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Ghi nhận bước đã làm…</source>
      <translation>Record a step done…</translation>
    </message>
    <message>
      <source>bước “{step}”</source>
      <translation>the step “{step}”</translation>
    </message>
    <message>
      <source>Xóa bước ghi nhầm</source>
      <translation>Remove a step recorded by mistake</translation>
    </message>
    <message>
      <source>Mở hồ sơ trẻ</source>
      <translation>Open the child's record</translation>
    </message>
    <message>
      <source>Chọn một vụ việc để xem từng bước.</source>
      <translation>Choose a case to see each step.</translation>
    </message>
    <message>
      <source>Nhận tin lúc {at} (giờ Việt Nam); nguồn tin: {who}. {summary}</source>
      <translation>Reported at {at} (Vietnam time); source: {who}. {summary}</translation>
    </message>
    <message>
      <source>không ghi</source>
      <translation>not recorded</translation>
    </message>
    <message>
      <source>(QUÁ HẠN)</source>
      <translation>(OVERDUE)</translation>
    </message>
  </context>
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
      <source>Họ tên, chức vụ, số điện thoại nếu có</source>
      <translation>Name, position, phone number if any</translation>
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
      <source>Trẻ em *</source>
      <translation>Child *</translation>
    </message>
    <message>
      <source>Loại vụ việc *</source>
      <translation>Type of case *</translation>
    </message>
    <message>
      <source>Nhận tin lúc (giờ Việt Nam) *</source>
      <translation>Reported at (Vietnam time) *</translation>
    </message>
    <message>
      <source>Nguồn tin *</source>
      <translation>Source of the report *</translation>
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
      <source>Xóa vụ việc nhập nhầm…</source>
      <translation>Remove a case entered by mistake…</translation>
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
      <source>Ghi nhận bước</source>
      <translation>Record step</translation>
    </message>
    <message>
      <source>Chọn một vụ việc trước.</source>
      <translation>Select a case first.</translation>
    </message>
    <message>
      <source>Xóa vụ việc</source>
      <translation>Remove case</translation>
    </message>
    <message>
      <source>Xóa vụ việc “{kind}” của {name} (nhận tin {at})? Vụ việc và các bước được đánh dấu đã xóa kèm lý do, vẫn lưu trong nhật ký và được đồng bộ.</source>
      <translation>Remove the “{kind}” case of {name} (reported {at})? The case and its steps are marked removed with the reason, stay in the audit trail and are synced.</translation>
    </message>
    <message>
      <source>Xóa vụ việc nhập nhầm</source>
      <translation>Remove a case entered by mistake</translation>
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
      <source>Xóa hồ sơ nhập nhầm…</source>
      <translation>Remove a record entered by mistake…</translation>
    </message>
    <message>
      <source>Gộp hồ sơ trùng…</source>
      <translation>Merge a duplicate record…</translation>
    </message>
    <message>
      <source>Thêm trẻ em mới</source>
      <translation>Add new child</translation>
    </message>
    <message>
      <source>Thôn/bản mới</source>
      <translation>New village</translation>
    </message>
    <message>
      <source>“{name}” chưa có trong danh sách thôn/bản của xã. Thêm thôn/bản này?</source>
      <translation>“{name}” is not on the commune's list of villages. Add this village?</translation>
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
      <source>Xóa hồ sơ của {name}? Hồ sơ, hoàn cảnh và trợ giúp của trẻ được đánh dấu đã xóa kèm lý do, vẫn lưu trong nhật ký và được đồng bộ. Nếu đây là hồ sơ trùng của một trẻ đã có, hãy dùng “Gộp hồ sơ trùng…” để giữ lịch sử.</source>
      <translation>Remove the record of {name}? The record, circumstances and supports are marked removed with the reason, stay in the audit trail and are synced. If this is a second record of a child already listed, use “Merge a duplicate record…” to keep the history.</translation>
    </message>
    <message>
      <source>Xóa hồ sơ nhập nhầm</source>
      <translation>Remove a record entered by mistake</translation>
    </message>
  </context>
  <context>
    <name>ChildHistory</name>
    <message>
      <source>Loại</source>
      <translation>Kind</translation>
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
      <translation>Reason ended</translation>
    </message>
    <message>
      <source>Thêm hoàn cảnh…</source>
      <translation>Add circumstance…</translation>
    </message>
    <message>
      <source>hoàn cảnh “{group}”</source>
      <translation>the circumstance “{group}”</translation>
    </message>
    <message>
      <source>Xóa hoàn cảnh nhập nhầm</source>
      <translation>Remove a circumstance entered by mistake</translation>
    </message>
    <message>
      <source>Kết thúc hoàn cảnh đã chọn…</source>
      <translation>End the chosen circumstance…</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Hình thức</source>
      <translation>Kind</translation>
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
      <source>Thêm trợ giúp…</source>
      <translation>Add support…</translation>
    </message>
    <message>
      <source>trợ giúp “{kind}” ngày {day}</source>
      <translation>the support “{kind}” of {day}</translation>
    </message>
    <message>
      <source>Xóa trợ giúp nhập nhầm</source>
      <translation>Remove a support entered by mistake</translation>
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
      <source>Kết thúc hoàn cảnh</source>
      <translation>End circumstance</translation>
    </message>
    <message>
      <source>Chọn một dòng trước.</source>
      <translation>Choose a row first.</translation>
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
      <source>Nhập từ Excel…</source>
      <translation>Import from Excel…</translation>
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
      <source>{filter}: tất cả</source>
      <translation>{filter}: all</translation>
    </message>
    <message>
      <source>{n} trẻ em</source>
      <translation>{n} children</translation>
    </message>
    <message>
      <source>Lỗi khi tìm: {e}</source>
      <translation>Search error: {e}</translation>
    </message>
    <message>
      <source>Nhập danh sách trẻ em từ Excel</source>
      <translation>Import a list of children from Excel</translation>
    </message>
    <message>
      <source>Excel (*.xlsx)</source>
      <translation>Excel (*.xlsx)</translation>
    </message>
  </context>
  <context>
    <name>CircumstanceDialog</name>
    <message>
      <source>Sửa hoàn cảnh</source>
      <translation>Edit circumstance</translation>
    </message>
    <message>
      <source>Thêm hoàn cảnh</source>
      <translation>Add circumstance</translation>
    </message>
    <message>
      <source>Loại *</source>
      <translation>Type *</translation>
    </message>
    <message>
      <source>Nhóm *</source>
      <translation>Group *</translation>
    </message>
    <message>
      <source>Trường hợp (nhóm a)</source>
      <translation>Sub-case (group a)</translation>
    </message>
    <message>
      <source>Từ ngày *</source>
      <translation>From *</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>CodePage</name>
    <message>
      <source>Mã khôi phục — in hoặc chép ra giấy ngay</source>
      <translation>Recovery code — print it or write it down now</translation>
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
    <name>CourseDialog</name>
    <message>
      <source>Sửa lớp tập huấn</source>
      <translation>Edit training course</translation>
    </message>
    <message>
      <source>Ghi lớp tập huấn mới</source>
      <translation>Record new training course</translation>
    </message>
    <message>
      <source>Ví dụ: Tập huấn kỹ năng phòng chống xâm hại</source>
      <translation>E.g. Abuse prevention skills training</translation>
    </message>
    <message>
      <source>ngày kết thúc, nếu có</source>
      <translation>end date, if any</translation>
    </message>
    <message>
      <source>đồng, ví dụ 5.000.000</source>
      <translation>VND, e.g. 5.000.000</translation>
    </message>
    <message>
      <source>Chủ đề *</source>
      <translation>Topic *</translation>
    </message>
    <message>
      <source>Tên lớp *</source>
      <translation>Course name *</translation>
    </message>
    <message>
      <source>đến</source>
      <translation>to</translation>
    </message>
    <message>
      <source>Thời gian *</source>
      <translation>Dates *</translation>
    </message>
    <message>
      <source>Địa điểm</source>
      <translation>Venue</translation>
    </message>
    <message>
      <source>Giảng viên</source>
      <translation>Trainer</translation>
    </message>
    <message>
      <source>Nguồn</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>Kinh phí (đồng)</source>
      <translation>Cost (VND)</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Người tham gia *</source>
      <translation>Participants *</translation>
    </message>
    <message>
      <source>Theo danh sách tên</source>
      <translation>By list of names</translation>
    </message>
    <message>
      <source>Theo số lượng (vai trò × giới tính)</source>
      <translation>As counts (role × sex)</translation>
    </message>
    <message>
      <source>Họ và tên, rồi Enter</source>
      <translation>Full name, then Enter</translation>
    </message>
    <message>
      <source>Thêm</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>Bỏ người đã chọn</source>
      <translation>Remove selected person</translation>
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
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Nam</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>Nữ</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>Cộng</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Mỗi người ghi tên được tính 1; bảng số lượng tự cộng từ danh sách.</source>
      <translation>Each named person counts as 1; the count table adds up the list by itself.</translation>
    </message>
    <message>
      <source>Chỉ lưu số lượng theo vai trò và giới tính (danh sách tên không lưu).</source>
      <translation>Only counts by role and sex are saved (the list of names is not).</translation>
    </message>
    <message>
      <source>Tổng: {total} người ({male} nam, {female} nữ; {children} trẻ em)</source>
      <translation>Total: {total} people ({male} male, {female} female; {children} children)</translation>
    </message>
  </context>
  <context>
    <name>DateField</name>
    <message>
      <source>dd/mm/yyyy, mm/yyyy hoặc chỉ năm</source>
      <translation>dd/mm/yyyy, mm/yyyy or just the year</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <source>Chọn trên lịch</source>
      <translation>Pick on the calendar</translation>
    </message>
  </context>
  <context>
    <name>EndDialog</name>
    <message>
      <source>Kết thúc hoàn cảnh</source>
      <translation>End circumstance</translation>
    </message>
    <message>
      <source>Ví dụ: đã ổn định, chuyển đi, đủ 16 tuổi</source>
      <translation>E.g. stabilised, moved away, turned 16</translation>
    </message>
    <message>
      <source>Ngày kết thúc *</source>
      <translation>End date *</translation>
    </message>
    <message>
      <source>Lý do</source>
      <translation>Reason</translation>
    </message>
  </context>
  <context>
    <name>EntryDialog</name>
    <message>
      <source>Tiêu chí {n}</source>
      <translation>Criterion {n}</translation>
    </message>
    <message>
      <source>phần trăm, ví dụ 95</source>
      <translation>percent, e.g. 95</translation>
    </message>
    <message>
      <source>số</source>
      <translation>number</translation>
    </message>
    <message>
      <source>Chưa xác định</source>
      <translation>Not decided</translation>
    </message>
    <message>
      <source>Đạt</source>
      <translation>Met</translation>
    </message>
    <message>
      <source>Chưa đạt</source>
      <translation>Not met</translation>
    </message>
    <message>
      <source>Văn bản, số liệu, nơi lưu hồ sơ chứng minh (ví dụ: báo cáo của Trạm Y tế)</source>
      <translation>Documents, figures, where the evidence is filed (e.g. the health station's report)</translation>
    </message>
    <message>
      <source>Kết quả</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>Đánh giá *</source>
      <translation>Assessment *</translation>
    </message>
    <message>
      <source>Minh chứng</source>
      <translation>Evidence</translation>
    </message>
  </context>
  <context>
    <name>FilePasswordDialog</name>
    <message>
      <source>Mật khẩu cho tệp Excel</source>
      <translation>Password for the Excel file</translation>
    </message>
    <message>
      <source>Tệp “{name}” có thông tin cá nhân của trẻ em. Đặt mật khẩu để Excel và LibreOffice hỏi mật khẩu trước khi mở tệp (để trống nếu không cần).</source>
      <translation>The file “{name}” contains children's personal data. Set a password so that Excel and LibreOffice ask for it before opening the file (leave empty for none).</translation>
    </message>
    <message>
      <source>Tệp “{name}” chỉ có số liệu tổng hợp, không có tên hay thông tin cá nhân của trẻ em. Có thể đặt mật khẩu để Excel và LibreOffice hỏi mật khẩu trước khi mở tệp (để trống nếu không cần).</source>
      <translation>The file “{name}” holds only summary figures, no child's name or personal data. You may set a password so that Excel and LibreOffice ask for it before opening the file (leave empty if not needed).</translation>
    </message>
    <message>
      <source>Lưu tệp</source>
      <translation>Save file</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Mật khẩu</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Nhập lại mật khẩu</source>
      <translation>Repeat password</translation>
    </message>
    <message>
      <source>Mật khẩu cần ít nhất {n} ký tự.</source>
      <translation>The password needs at least {n} characters.</translation>
    </message>
    <message>
      <source>Hai lần nhập mật khẩu không khớp.</source>
      <translation>The two passwords do not match.</translation>
    </message>
  </context>
  <context>
    <name>FirstRunWizard</name>
    <message>
      <source>Sổ Trẻ Em — thiết lập lần đầu</source>
      <translation>Sổ Trẻ Em — first-time setup</translation>
    </message>
    <message>
      <source>Tạo tài khoản &gt;</source>
      <translation>Create account &gt;</translation>
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
    <message>
      <source>Đang đăng nhập máy chủ và tạo bản sao trên máy…</source>
      <translation>Logging in to the server and creating the local copy…</translation>
    </message>
  </context>
  <context>
    <name>FormDialog</name>
    <message>
      <source>Lưu</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Không lưu được</source>
      <translation>Could not save</translation>
    </message>
  </context>
  <context>
    <name>FundDialog</name>
    <message>
      <source>Sửa thu/chi Quỹ Bảo trợ trẻ em</source>
      <translation>Edit Child Protection Fund entry</translation>
    </message>
    <message>
      <source>Ghi thu/chi Quỹ Bảo trợ trẻ em</source>
      <translation>Record Child Protection Fund entry</translation>
    </message>
    <message>
      <source>đồng, ví dụ 2.000.000</source>
      <translation>VND, e.g. 2.000.000</translation>
    </message>
    <message>
      <source>Doanh nghiệp, nhà hảo tâm, cơ quan…</source>
      <translation>Business, benefactor, agency…</translation>
    </message>
    <message>
      <source>Ví dụ: tặng quà Tết Trung thu cho trẻ em HCĐB</source>
      <translation>E.g. Mid-Autumn gifts for children in special circumstances</translation>
    </message>
    <message>
      <source>Ví dụ: 50 suất quà, 20 chiếc áo ấm</source>
      <translation>E.g. 50 gift packs, 20 warm coats</translation>
    </message>
    <message>
      <source>Thu/chi *</source>
      <translation>Received/spent *</translation>
    </message>
    <message>
      <source>Hình thức</source>
      <translation>Cash or in kind</translation>
    </message>
    <message>
      <source>Ngày *</source>
      <translation>Date *</translation>
    </message>
    <message>
      <source>Số tiền hoặc giá trị hiện vật (đồng) *</source>
      <translation>Amount or value of goods (VND) *</translation>
    </message>
    <message>
      <source>Người/đơn vị ủng hộ</source>
      <translation>Donor</translation>
    </message>
    <message>
      <source>Người/đơn vị nhận</source>
      <translation>Recipient</translation>
    </message>
    <message>
      <source>Mục đích</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <source>Hiện vật</source>
      <translation>Goods in kind</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>HazardDialog</name>
    <message>
      <source>Kiểm tra, sửa điểm có nguy cơ đuối nước</source>
      <translation>Check or correct a drowning hazard spot</translation>
    </message>
    <message>
      <source>Ghi điểm có nguy cơ đuối nước</source>
      <translation>Record a drowning hazard spot</translation>
    </message>
    <message>
      <source>Ví dụ: ao cá nhà ông A, sát đường vào trường</source>
      <translation>E.g. Mr A's fish pond, beside the road to school</translation>
    </message>
    <message>
      <source>để trống: ngày kiểm tra đầu tiên</source>
      <translation>empty: the first check date</translation>
    </message>
    <message>
      <source>Thôn/bản *</source>
      <translation>Village *</translation>
    </message>
    <message>
      <source>Loại *</source>
      <translation>Kind *</translation>
    </message>
    <message>
      <source>Mô tả vị trí *</source>
      <translation>Where it is *</translation>
    </message>
    <message>
      <source>Biện pháp đã có</source>
      <translation>Measures in place</translation>
    </message>
    <message>
      <source>Ngày kiểm tra *</source>
      <translation>Checked on *</translation>
    </message>
    <message>
      <source>Ngày phát hiện</source>
      <translation>Found on</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <source>Nhập danh sách trẻ em từ Excel</source>
      <translation>Import a list of children from Excel</translation>
    </message>
    <message>
      <source>Hoàn cảnh ghi trong tệp</source>
      <translation>Circumstance as written in the file</translation>
    </message>
    <message>
      <source>Nhóm theo Luật Trẻ em</source>
      <translation>Group under the Law on Children</translation>
    </message>
    <message>
      <source>Dòng</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>Họ và tên</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Lỗi</source>
      <translation>Problem</translation>
    </message>
    <message>
      <source>Bỏ qua các dòng có lỗi, chỉ nhập các dòng đúng</source>
      <translation>Skip the rows with problems, import only the correct ones</translation>
    </message>
    <message>
      <source>Lưu danh sách lỗi…</source>
      <translation>Save the problem list…</translation>
    </message>
    <message>
      <source>Đóng</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Ghép hoàn cảnh ghi trong tệp với nhóm theo luật:</source>
      <translation>Match the circumstances written in the file with the legal groups:</translation>
    </message>
    <message>
      <source>Hoàn cảnh tính từ ngày:</source>
      <translation>Circumstances begin on:</translation>
    </message>
    <message>
      <source>Các lỗi cần sửa (chưa có gì được ghi):</source>
      <translation>Problems to fix (nothing has been written yet):</translation>
    </message>
    <message>
      <source>Ngày bắt đầu không được sau hôm nay.</source>
      <translation>The start date cannot be after today.</translation>
    </message>
    <message>
      <source>Đang đọc và kiểm tra tệp {name}…</source>
      <translation>Reading and checking {name}…</translation>
    </message>
    <message>
      <source>Đang đọc và kiểm tra tệp…</source>
      <translation>Reading and checking the file…</translation>
    </message>
    <message>
      <source>Đã dừng kiểm tra tệp {name}; chưa có gì được ghi.</source>
      <translation>Stopped checking {name}; nothing has been written.</translation>
    </message>
    <message>
      <source>Không đọc được tệp {name}.</source>
      <translation>Cannot read {name}.</translation>
    </message>
    <message>
      <source>Tệp {name}, trang “{sheet}”: {rows} dòng, {valid} dòng hợp lệ, {bad} dòng có lỗi.</source>
      <translation>File {name}, sheet “{sheet}”: {rows} rows, {valid} valid, {bad} with problems.</translation>
    </message>
    <message>
      <source>Thôn/bản mới sẽ được thêm: {names}</source>
      <translation>New villages to be added: {names}</translation>
    </message>
    <message>
      <source>— chưa xác định —</source>
      <translation>— not decided —</translation>
    </message>
    <message>
      <source>Nhập {n} trẻ em</source>
      <translation>Import {n} children</translation>
    </message>
    <message>
      <source>Đang nhập trẻ em…</source>
      <translation>Importing children…</translation>
    </message>
    <message>
      <source>Đã dừng: không có trẻ em nào được nhập.</source>
      <translation>Stopped: no child was imported.</translation>
    </message>
    <message>
      <source>Đã nhập {n} trẻ em từ tệp {name}.</source>
      <translation>Imported {n} children from {name}.</translation>
    </message>
    <message>
      <source>Lưu danh sách lỗi</source>
      <translation>Save the problem list</translation>
    </message>
    <message>
      <source>Đang lưu danh sách lỗi…</source>
      <translation>Saving the problem list…</translation>
    </message>
  </context>
  <context>
    <name>InjuriesPage</name>
    <message>
      <source>Tai nạn, thương tích</source>
      <translation>Injuries</translation>
    </message>
    <message>
      <source>Điểm có nguy cơ đuối nước</source>
      <translation>Drowning hazard spots</translation>
    </message>
    <message>
      <source>Mọi xã</source>
      <translation>All communes</translation>
    </message>
    <message>
      <source>Cả năm</source>
      <translation>Whole year</translation>
    </message>
    <message>
      <source>Tháng {m}</source>
      <translation>Month {m}</translation>
    </message>
    <message>
      <source>Mọi nguyên nhân</source>
      <translation>All causes</translation>
    </message>
    <message>
      <source>Mọi mức độ</source>
      <translation>All severities</translation>
    </message>
    <message>
      <source>Mọi thôn/bản</source>
      <translation>All villages</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Trẻ em</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>Giới tính</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Tuổi</source>
      <translation>Age</translation>
    </message>
    <message>
      <source>Nơi ở</source>
      <translation>Lives in</translation>
    </message>
    <message>
      <source>Xảy ra tại</source>
      <translation>Where it happened</translation>
    </message>
    <message>
      <source>Nguyên nhân</source>
      <translation>Cause</translation>
    </message>
    <message>
      <source>Mức độ</source>
      <translation>Severity</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Xã</source>
      <translation>Commune</translation>
    </message>
    <message>
      <source>Ghi tai nạn, thương tích…</source>
      <translation>Record an injury…</translation>
    </message>
    <message>
      <source>Xóa trường hợp tai nạn, thương tích</source>
      <translation>Remove an injury</translation>
    </message>
    <message>
      <source>Năm</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>Thôn/bản</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>Loại</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>Mô tả vị trí</source>
      <translation>Where it is</translation>
    </message>
    <message>
      <source>Biện pháp đã có</source>
      <translation>Measures in place</translation>
    </message>
    <message>
      <source>Kiểm tra gần nhất</source>
      <translation>Last checked</translation>
    </message>
    <message>
      <source>Ghi điểm nguy cơ…</source>
      <translation>Record a hazard spot…</translation>
    </message>
    <message>
      <source>Xóa điểm có nguy cơ đuối nước</source>
      <translation>Remove a drowning hazard spot</translation>
    </message>
    <message>
      <source>In danh sách rà soát trước mùa hè…</source>
      <translation>Print the pre-summer review list…</translation>
    </message>
    <message>
      <source>Mỗi thôn/bản một trang, có cột để ghi kết quả rà soát và việc cần làm</source>
      <translation>One page per village, with columns for the review's findings and what is to be done</translation>
    </message>
    <message>
      <source> (ngoài sổ)</source>
      <translation> (not in the register)</translation>
    </message>
    <message>
      <source>trường hợp của {name} ngày {day}</source>
      <translation>the injury of {name} on {day}</translation>
    </message>
    <message>
      <source>{n} trường hợp · tử vong {deaths} · đuối nước {drowned} (tử vong {drowned_dead})</source>
      <translation>{n} injuries · {deaths} deaths · drowning {drowned} ({drowned_dead} died)</translation>
    </message>
    <message>
      <source>Chưa có</source>
      <translation>None</translation>
    </message>
    <message>
      <source>điểm “{what}” ({village})</source>
      <translation>the spot “{what}” ({village})</translation>
    </message>
    <message>
      <source>{n} điểm · chưa có biện pháp nào: {bare} · chưa kiểm tra trong năm {year}: {unchecked}</source>
      <translation>{n} spots · without any measure: {bare} · not checked in {year}: {unchecked}</translation>
    </message>
    <message>
      <source>Lưu danh sách rà soát</source>
      <translation>Save the review list</translation>
    </message>
    <message>
      <source>Đang tạo danh sách rà soát…</source>
      <translation>Writing the review list…</translation>
    </message>
  </context>
  <context>
    <name>InjuryDialog</name>
    <message>
      <source>Sửa trường hợp tai nạn, thương tích</source>
      <translation>Correct an injury</translation>
    </message>
    <message>
      <source>Ghi trường hợp tai nạn, thương tích</source>
      <translation>Record an injury</translation>
    </message>
    <message>
      <source>Gõ tên trẻ trong sổ (không dấu cũng được)</source>
      <translation>Type the name of a child in the register (diacritics optional)</translation>
    </message>
    <message>
      <source>(trẻ không có trong sổ: ghi dưới đây)</source>
      <translation>(a child not in the register: write below)</translation>
    </message>
    <message>
      <source>Tìm trẻ trong sổ</source>
      <translation>Find the child</translation>
    </message>
    <message>
      <source>Trẻ em *</source>
      <translation>Child *</translation>
    </message>
    <message>
      <source>Họ tên (trẻ không có trong sổ)</source>
      <translation>Name (a child not in the register)</translation>
    </message>
    <message>
      <source>Giới tính, năm sinh</source>
      <translation>Sex, year of birth</translation>
    </message>
    <message>
      <source>Thôn/bản nơi trẻ ở</source>
      <translation>Village the child lives in</translation>
    </message>
    <message>
      <source>Ngày xảy ra *</source>
      <translation>Date *</translation>
    </message>
    <message>
      <source>Thôn/bản nơi xảy ra *</source>
      <translation>Village where it happened *</translation>
    </message>
    <message>
      <source>Nơi xảy ra *</source>
      <translation>Place *</translation>
    </message>
    <message>
      <source>Nguyên nhân *</source>
      <translation>Cause *</translation>
    </message>
    <message>
      <source>Mức độ *</source>
      <translation>Severity *</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>LockScreen</name>
    <message>
      <source>Mở khóa</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>Sổ trẻ em đã khóa vì không dùng một lúc. Nhập mật khẩu để tiếp tục, hoặc chọn tài khoản khác.</source>
      <translation>The register was locked after a while without use. Type the password to continue, or choose another account.</translation>
    </message>
    <message>
      <source>Đã khóa — {name}</source>
      <translation>Locked — {name}</translation>
    </message>
    <message>
      <source>Tên đăng nhập hoặc mật khẩu không đúng.</source>
      <translation>Wrong user name or password.</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Sổ Trẻ Em — đăng nhập</source>
      <translation>Sổ Trẻ Em — log in</translation>
    </message>
    <message>
      <source>Sổ Trẻ Em</source>
      <translation>Sổ Trẻ Em</translation>
    </message>
    <message>
      <source>Đăng nhập</source>
      <translation>Log in</translation>
    </message>
    <message>
      <source>Đã đặt mật khẩu mới. Hãy đăng nhập.</source>
      <translation>New password set. Please log in.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Đang mở sổ trẻ em…</source>
      <translation>Opening the children's register…</translation>
    </message>
    <message>
      <source>Không mở được sổ trẻ em: {e}</source>
      <translation>Could not open the children's register: {e}</translation>
    </message>
    <message>
      <source>⚠ Đồng hồ của máy cần xem lại…</source>
      <translation>⚠ Check this PC's clock…</translation>
    </message>
    <message>
      <source>Đồng hồ của máy</source>
      <translation>This PC's clock</translation>
    </message>
    <message>
      <source>Đã khôi phục từ {name}.</source>
      <translation>Restored from {name}.</translation>
    </message>
    <message>
      <source>Khôi phục</source>
      <translation>Restore</translation>
    </message>
    <message>
      <source>{n} thay đổi chưa gửi</source>
      <translation>{n} unsent changes</translation>
    </message>
    <message>
      <source>đang gửi và nhận…</source>
      <translation>sending and receiving…</translation>
    </message>
    <message>
      <source>chưa đặt máy chủ</source>
      <translation>no server set</translation>
    </message>
    <message>
      <source>không kết nối được, thử lại lúc {time}</source>
      <translation>cannot connect, retrying at {time}</translation>
    </message>
    <message>
      <source>lần cuối {ago}</source>
      <translation>last {ago}</translation>
    </message>
    <message>
      <source>{n} xung đột cần xem</source>
      <translation>{n} conflicts to review</translation>
    </message>
    <message>
      <source>Đồng bộ: {where} · {unsent}</source>
      <translation>Sync: {where} · {unsent}</translation>
    </message>
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
      <source>Nhật ký truy cập</source>
      <translation>Access log</translation>
    </message>
    <message>
      <source>Tai nạn, đuối nước</source>
      <translation>Injuries, drowning</translation>
    </message>
    <message>
      <source>Xã phù hợp với trẻ em</source>
      <translation>Child-friendly commune</translation>
    </message>
    <message>
      <source>Cài đặt</source>
      <translation>Settings</translation>
    </message>
  </context>
  <context>
    <name>MergeDialog</name>
    <message>
      <source>Gộp hồ sơ trùng</source>
      <translation>Merge a duplicate record</translation>
    </message>
    <message>
      <source>Chọn hồ sơ trùng của {name}. Hoàn cảnh, trợ giúp và vụ việc của hồ sơ đó chuyển sang hồ sơ đang mở; những thông tin hồ sơ đang mở còn trống được lấy từ hồ sơ đó; hồ sơ đó được đánh dấu đã gộp (vẫn lưu trong nhật ký).</source>
      <translation>Choose the duplicate record of {name}. Its circumstances, supports and cases move to the record on screen; details the record on screen lacks are taken from it; it is marked merged (and stays in the audit trail).</translation>
    </message>
    <message>
      <source>Tìm theo tên (không dấu cũng được)</source>
      <translation>Search by name (tone marks optional)</translation>
    </message>
    <message>
      <source>Tìm hồ sơ</source>
      <translation>Find record</translation>
    </message>
    <message>
      <source>Hồ sơ trùng *</source>
      <translation>Duplicate record *</translation>
    </message>
    <message>
      <source>Gộp vào hồ sơ đang mở</source>
      <translation>Merge into the record on screen</translation>
    </message>
    <message>
      <source>{name} — sinh {birth}, {village}</source>
      <translation>{name} — born {birth}, {village}</translation>
    </message>
  </context>
  <context>
    <name>MergeVillageDialog</name>
    <message>
      <source>Gộp thôn/bản</source>
      <translation>Merge villages</translation>
    </message>
    <message>
      <source>Gộp “{name}” vào thôn/bản được chọn: trẻ em và hoạt động của “{name}” chuyển sang thôn/bản đó; “{name}” không còn trong danh sách (vẫn lưu trong nhật ký).</source>
      <translation>Merge “{name}” into the chosen village: the children and activities of “{name}” move to it; “{name}” leaves the list (and stays in the audit trail).</translation>
    </message>
    <message>
      <source>Gộp vào *</source>
      <translation>Merge into *</translation>
    </message>
    <message>
      <source>Gộp</source>
      <translation>Merge</translation>
    </message>
  </context>
  <context>
    <name>MomentField</name>
    <message>
      <source>giờ:phút ngày/tháng/năm, ví dụ 14:30 05/06/2026</source>
      <translation>hour:minute day/month/year, e.g. 14:30 05/06/2026</translation>
    </message>
    <message>
      <source>giờ Việt Nam (UTC+7)</source>
      <translation>Vietnam time (UTC+7)</translation>
    </message>
  </context>
  <context>
    <name>MoneyField</name>
    <message>
      <source>ví dụ 1.500.000 hoặc 1,5 triệu</source>
      <translation>e.g. 1.500.000 or 1,5 triệu</translation>
    </message>
  </context>
  <context>
    <name>MonthlyChart</name>
    <message>
      <source>Chọn một chỉ tiêu để xem tiến độ theo tháng.</source>
      <translation>Select a target to see its monthly progress.</translation>
    </message>
    <message>
      <source>“{title}” nhập kết quả bằng tay: không có số liệu theo tháng.</source>
      <translation>“{title}” is entered by hand: there are no monthly figures.</translation>
    </message>
    <message>
      <source>T{m}</source>
      <translation>M{m}</translation>
    </message>
    <message>
      <source>trong tháng</source>
      <translation>in the month</translation>
    </message>
    <message>
      <source>lũy kế</source>
      <translation>cumulative</translation>
    </message>
    <message>
      <source>chỉ tiêu {value}</source>
      <translation>target {value}</translation>
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
    <name>PasswordGate</name>
    <message>
      <source>Tài khoản</source>
      <translation>Account</translation>
    </message>
    <message>
      <source>Mật khẩu</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Số lần đăng nhập sai ghi trong tệp khóa đã bị sửa bằng tay, nên được tính như sau rất nhiều lần sai.</source>
      <translation>The count of failed logins in the key file was edited by hand, so it is counted as after very many failures.</translation>
    </message>
    <message>
      <source>Tên đăng nhập hoặc mật khẩu không đúng.</source>
      <translation>Wrong user name or password.</translation>
    </message>
    <message>
      <source>Đăng nhập sai nhiều lần: chờ {n} giây rồi thử lại.</source>
      <translation>Too many failed logins: wait {n} seconds and try again.</translation>
    </message>
  </context>
  <context>
    <name>PlanPage</name>
    <message>
      <source>Chỉ tiêu</source>
      <translation>Target</translation>
    </message>
    <message>
      <source>Cấp giao</source>
      <translation>Set by</translation>
    </message>
    <message>
      <source>Tiến độ</source>
      <translation>Progress</translation>
    </message>
    <message>
      <source>Kết quả</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>Đặt chỉ tiêu…</source>
      <translation>Set target…</translation>
    </message>
    <message>
      <source>chỉ tiêu “{label}” của năm {year}</source>
      <translation>target “{label}” for {year}</translation>
    </message>
    <message>
      <source>Xóa chỉ tiêu</source>
      <translation>Delete target</translation>
    </message>
    <message>
      <source>Kế hoạch năm</source>
      <translation>Plan for year</translation>
    </message>
    <message>
      <source>Quỹ Bảo trợ trẻ em</source>
      <translation>Child Protection Fund</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Thu/chi</source>
      <translation>Received/spent</translation>
    </message>
    <message>
      <source>Hình thức</source>
      <translation>Form</translation>
    </message>
    <message>
      <source>Số tiền</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Người/đơn vị ủng hộ hoặc nhận</source>
      <translation>Donor or recipient</translation>
    </message>
    <message>
      <source>Nội dung</source>
      <translation>Purpose / goods</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Ghi thu/chi quỹ…</source>
      <translation>Record fund entry…</translation>
    </message>
    <message>
      <source>Xóa khoản thu/chi</source>
      <translation>Delete fund entry</translation>
    </message>
    <message>
      <source>đã đạt {achieved}/{target}, vượt {over}</source>
      <translation>achieved {achieved}/{target}, exceeded by {over}</translation>
    </message>
    <message>
      <source>đã đạt {achieved}/{target}, hoàn thành</source>
      <translation>achieved {achieved}/{target}, done</translation>
    </message>
    <message>
      <source>đã đạt {achieved}/{target}, còn lại {left}</source>
      <translation>achieved {achieved}/{target}, {left} to go</translation>
    </message>
    <message>
      <source> ({part}/{whole} trẻ)</source>
      <translation> ({part}/{whole} children)</translation>
    </message>
    <message>
      <source>{label} — năm {year}</source>
      <translation>{label} — {year}</translation>
    </message>
    <message>
      <source>Số dư đầu năm {year}: {value}</source>
      <translation>Balance at the start of {year}: {value}</translation>
    </message>
    <message>
      <source>Thu trong năm: {value}</source>
      <translation>Received this year: {value}</translation>
    </message>
    <message>
      <source> (hiện vật {value})</source>
      <translation> (in kind {value})</translation>
    </message>
    <message>
      <source>Chi trong năm: {value}</source>
      <translation>Spent this year: {value}</translation>
    </message>
    <message>
      <source>Số dư: {value} (tiền mặt {cash})</source>
      <translation>Balance: {value} (cash {cash})</translation>
    </message>
    <message>
      <source>khoản {what} {amount} ngày {day}</source>
      <translation>{what} of {amount} on {day}</translation>
    </message>
  </context>
  <context>
    <name>QWidget</name>
    <message>
      <source>Lưu mã khôi phục</source>
      <translation>Save the recovery code</translation>
    </message>
    <message>
      <source>Văn bản (*.txt)</source>
      <translation>Text (*.txt)</translation>
    </message>
    <message>
      <source>Đóng</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Đồng ý</source>
      <translation>OK</translation>
    </message>
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
    <name>ReaderPage</name>
    <message>
      <source>Tài khoản cấp tỉnh</source>
      <translation>Province account</translation>
    </message>
    <message>
      <source>Số liệu các xã thuộc đơn vị của tài khoản được tải về máy này, mã hóa, chỉ để xem và lập báo cáo. Mật khẩu là mật khẩu của tài khoản trên máy chủ.</source>
      <translation>The figures of every commune under the account's unit are downloaded to this PC, encrypted, to view and report on only. The password is the account's password on the server.</translation>
    </message>
    <message>
      <source>Địa chỉ máy chủ</source>
      <translation>Server address</translation>
    </message>
    <message>
      <source>Tên đăng nhập</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>Mật khẩu</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Đăng nhập và tải số liệu</source>
      <translation>Log in and download</translation>
    </message>
  </context>
  <context>
    <name>RecoveryCodeDialog</name>
    <message>
      <source>Mã khôi phục</source>
      <translation>Recovery code</translation>
    </message>
  </context>
  <context>
    <name>RecoveryCodeView</name>
    <message>
      <source>Dữ liệu trẻ em được mã hóa. Nếu quên mật khẩu cán bộ, chỉ mã khôi phục dưới đây mở lại được dữ liệu. Mã chỉ hiện MỘT LẦN: hãy in hoặc chép ra giấy, cất trong tủ khóa của cơ quan hoặc gửi cấp trên giữ — không dán lên máy tính.</source>
      <translation>The children's data is encrypted. If the officer's password is forgotten, only the recovery code below opens the data again. It is shown ONCE: print it or write it down and keep it in the office safe or with the district — never stick it on the computer.</translation>
    </message>
    <message>
      <source>Lưu mã ra tệp để in…</source>
      <translation>Save the code to a file to print…</translation>
    </message>
    <message>
      <source>Tôi đã in hoặc chép mã khôi phục và cất ở nơi an toàn</source>
      <translation>I have printed or written down the recovery code and put it somewhere safe</translation>
    </message>
    <message>
      <source>Không ghi được tệp: {e}</source>
      <translation>Could not write the file: {e}</translation>
    </message>
    <message>
      <source>Đã lưu vào {f}. In ra rồi xóa tệp khỏi máy.</source>
      <translation>Saved to {f}. Print it, then delete the file from the computer.</translation>
    </message>
    <message>
      <source>Lưu mã khôi phục</source>
      <translation>Save recovery code</translation>
    </message>
    <message>
      <source>Mở tệp để in, rồi xóa tệp khỏi máy (và khỏi USB).</source>
      <translation>Open the file to print it, then delete it from the computer (and from the USB stick).</translation>
    </message>
  </context>
  <context>
    <name>RecoveryDialog</name>
    <message>
      <source>Đặt lại mật khẩu cán bộ bằng mã khôi phục</source>
      <translation>Reset the officer's password with the recovery code</translation>
    </message>
    <message>
      <source>Đặt mật khẩu mới</source>
      <translation>Set new password</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Mã khôi phục được in ra khi thiết lập lần đầu và cất trong tủ khóa của cơ quan (hoặc do cấp trên giữ). Không có mã này thì không ai mở được dữ liệu.</source>
      <translation>The recovery code was printed at the first set-up and kept in the office safe (or by the district). Without it nobody can open the data.</translation>
    </message>
    <message>
      <source>Cán bộ</source>
      <translation>Officer</translation>
    </message>
    <message>
      <source>Mã khôi phục</source>
      <translation>Recovery code</translation>
    </message>
    <message>
      <source>Mật khẩu mới (ít nhất {n} ký tự)</source>
      <translation>New password (at least {n} characters)</translation>
    </message>
    <message>
      <source>Nhập lại mật khẩu mới</source>
      <translation>Repeat the new password</translation>
    </message>
    <message>
      <source>Mật khẩu cần ít nhất {n} ký tự.</source>
      <translation>The password needs at least {n} characters.</translation>
    </message>
    <message>
      <source>Hai lần nhập mật khẩu không giống nhau.</source>
      <translation>The two passwords differ.</translation>
    </message>
    <message>
      <source>Nhập sai nhiều lần: chờ {n} giây rồi thử lại.</source>
      <translation>Too many wrong attempts: wait {n} seconds and try again.</translation>
    </message>
    <message>
      <source>Mã khôi phục không đúng.</source>
      <translation>Wrong recovery code.</translation>
    </message>
  </context>
  <context>
    <name>ReportsPage</name>
    <message>
      <source>2026-10, 2026-H1 hoặc 2026</source>
      <translation>2026-10, 2026-H1 or 2026</translation>
    </message>
    <message>
      <source>Xem số liệu</source>
      <translation>Show figures</translation>
    </message>
    <message>
      <source>Lưu PDF…</source>
      <translation>Save PDF…</translation>
    </message>
    <message>
      <source>Lưu Excel…</source>
      <translation>Save Excel…</translation>
    </message>
    <message>
      <source>In…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <source>Mở PDF vừa lưu</source>
      <translation>Open the saved PDF</translation>
    </message>
    <message>
      <source>Đánh dấu đã gửi</source>
      <translation>Mark as sent</translation>
    </message>
    <message>
      <source>Xuất sổ trẻ em ra Excel…</source>
      <translation>Export the register to Excel…</translation>
    </message>
    <message>
      <source>Loại</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Kỳ</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Sắp đến hạn: </source>
      <translation>Due soon: </translation>
    </message>
    <message>
      <source>{kind} kỳ {period} — hạn {due}</source>
      <translation>{kind} for {period} — due {due}</translation>
    </message>
    <message>
      <source>Báo cáo tháng</source>
      <translation>Monthly report</translation>
    </message>
    <message>
      <source>Báo cáo 6 tháng</source>
      <translation>Six-month report</translation>
    </message>
    <message>
      <source>Báo cáo năm</source>
      <translation>Annual report</translation>
    </message>
    <message>
      <source>Toàn địa bàn: {name} ({n} xã)</source>
      <translation>Whole area: {name} ({n} communes)</translation>
    </message>
    <message>
      <source>Báo cáo kỳ này chưa được đánh dấu là đã gửi.</source>
      <translation>The report for this period has not been marked as sent.</translation>
    </message>
    <message>
      <source>Đã gửi ngày {d}; số liệu không thay đổi từ khi gửi.</source>
      <translation>Sent on {d}; the figures have not changed since.</translation>
    </message>
    <message>
      <source>Đã gửi ngày {d}. Số liệu đã thay đổi sau khi gửi (ghi điều chỉnh vào báo cáo kỳ sau):</source>
      <translation>Sent on {d}. The figures changed after sending (record the correction in the next report):</translation>
    </message>
    <message>
      <source>Lưu báo cáo</source>
      <translation>Save report</translation>
    </message>
    <message>
      <source>Đang tạo báo cáo…</source>
      <translation>Creating the report…</translation>
    </message>
    <message>
      <source>Xuất sổ trẻ em</source>
      <translation>Export the register</translation>
    </message>
    <message>
      <source>Excel (*.xlsx);;PDF để in (*.pdf)</source>
      <translation>Excel (*.xlsx);;PDF for printing (*.pdf)</translation>
    </message>
    <message>
      <source>Đang xuất sổ trẻ em…</source>
      <translation>Exporting the register…</translation>
    </message>
  </context>
  <context>
    <name>SavedNotice</name>
    <message>
      <source>Đã lưu tệp:</source>
      <translation>File saved:</translation>
    </message>
    <message>
      <source>Mở tệp</source>
      <translation>Open file</translation>
    </message>
    <message>
      <source>Mở thư mục</source>
      <translation>Open folder</translation>
    </message>
    <message>
      <source>Đóng</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Không mở được “{path}” trên máy này; hãy mở bằng Windows Explorer.</source>
      <translation>Could not open “{path}” on this computer; open it in Windows Explorer.</translation>
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
      <source>Mã hóa dữ liệu</source>
      <translation>Data encryption</translation>
    </message>
    <message>
      <source>Có (SQLCipher, AES-256)</source>
      <translation>Yes (SQLCipher, AES-256)</translation>
    </message>
    <message>
      <source>Không — tệp đọc được nếu bị lấy mất</source>
      <translation>No — the file is readable if stolen</translation>
    </message>
    <message>
      <source> phút (0: không khóa)</source>
      <translation> minutes (0: never lock)</translation>
    </message>
    <message>
      <source>Khóa màn hình khi không dùng</source>
      <translation>Lock the screen when idle</translation>
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
      <source>Chung</source>
      <translation>General</translation>
    </message>
    <message>
      <source>Thôn/bản</source>
      <translation>Villages</translation>
    </message>
    <message>
      <source>Tài khoản</source>
      <translation>Accounts</translation>
    </message>
    <message>
      <source>Sao lưu và khôi phục</source>
      <translation>Backup and restore</translation>
    </message>
    <message>
      <source>Đã lưu. Ngôn ngữ mới có hiệu lực khi mở lại ứng dụng.</source>
      <translation>Saved. The new language takes effect when the application is restarted.</translation>
    </message>
  </context>
  <context>
    <name>SignerBox</name>
    <message>
      <source>Người ký báo cáo</source>
      <translation>Report signatory</translation>
    </message>
    <message>
      <source>Họ và tên, ví dụ Lò Văn Pá</source>
      <translation>Full name, e.g. Lò Văn Pá</translation>
    </message>
    <message>
      <source>Lưu người ký</source>
      <translation>Save signatory</translation>
    </message>
    <message>
      <source>Thẩm quyền ký</source>
      <translation>Signing authority</translation>
    </message>
    <message>
      <source>Chức vụ</source>
      <translation>Position</translation>
    </message>
    <message>
      <source>Họ và tên người ký</source>
      <translation>Signatory's full name</translation>
    </message>
    <message>
      <source>Đã lưu: báo cáo in từ nay ghi người ký này.</source>
      <translation>Saved: printed reports now carry this signatory.</translation>
    </message>
  </context>
  <context>
    <name>StepDialog</name>
    <message>
      <source>Sửa bước đã ghi — {name}</source>
      <translation>Correct a recorded step — {name}</translation>
    </message>
    <message>
      <source>Ghi nhận bước đã làm — {name}</source>
      <translation>Record completed step — {name}</translation>
    </message>
    <message>
      <source>Bước *</source>
      <translation>Step *</translation>
    </message>
    <message>
      <source>Hoàn thành lúc (giờ Việt Nam) *</source>
      <translation>Done at (Vietnam time) *</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>SupportDialog</name>
    <message>
      <source>Sửa trợ giúp</source>
      <translation>Edit support</translation>
    </message>
    <message>
      <source>Thêm trợ giúp</source>
      <translation>Add support</translation>
    </message>
    <message>
      <source>đồng, ví dụ 540.000 hoặc 1,5 triệu</source>
      <translation>VND, e.g. 540.000 or 1,5 triệu</translation>
    </message>
    <message>
      <source>Hình thức *</source>
      <translation>Type of support *</translation>
    </message>
    <message>
      <source>Ngày *</source>
      <translation>Date *</translation>
    </message>
    <message>
      <source>Số tiền (đồng)</source>
      <translation>Amount (VND)</translation>
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
    <name>SyncPage</name>
    <message>
      <source>Đồng bộ</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>mã do cán bộ tin học của tỉnh cấp</source>
      <translation>code issued by the province's IT staff</translation>
    </message>
    <message>
      <source>mật khẩu tài khoản cấp tỉnh</source>
      <translation>password of the province account</translation>
    </message>
    <message>
      <source>Kiểm tra kết nối</source>
      <translation>Test connection</translation>
    </message>
    <message>
      <source>Đồng bộ ngay</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <source>Địa chỉ máy chủ</source>
      <translation>Server address</translation>
    </message>
    <message>
      <source>Tài khoản</source>
      <translation>Account</translation>
    </message>
    <message>
      <source>Mật khẩu</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Đăng nhập và đồng bộ</source>
      <translation>Log in and sync</translation>
    </message>
    <message>
      <source>Mã thiết bị</source>
      <translation>Device token</translation>
    </message>
    <message>
      <source>Ghi gói USB gửi lên…</source>
      <translation>Write a USB bundle to send…</translation>
    </message>
    <message>
      <source>Nhập gói trả lời…</source>
      <translation>Import the reply bundle…</translation>
    </message>
    <message>
      <source>Máy chủ của tỉnh</source>
      <translation>Province server</translation>
    </message>
    <message>
      <source>Dừng</source>
      <translation>Stop</translation>
    </message>
    <message>
      <source>Lần đồng bộ gần nhất</source>
      <translation>Last sync</translation>
    </message>
    <message>
      <source>Thay đổi chưa gửi</source>
      <translation>Unsent changes</translation>
    </message>
    <message>
      <source>Lần tự động tiếp theo</source>
      <translation>Next automatic sync</translation>
    </message>
    <message>
      <source>Tình trạng</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Bản ghi</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>Lý do</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Gửi lại</source>
      <translation>Send again</translation>
    </message>
    <message>
      <source>Thông tin</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>Giá trị đang dùng</source>
      <translation>Value in use</translation>
    </message>
    <message>
      <source>Giá trị bị thay</source>
      <translation>Replaced value</translation>
    </message>
    <message>
      <source>Người sửa, lúc</source>
      <translation>Edited by, at</translation>
    </message>
    <message>
      <source>Giữ giá trị đang dùng</source>
      <translation>Keep the value in use</translation>
    </message>
    <message>
      <source>Dùng giá trị bị thay</source>
      <translation>Use the replaced value</translation>
    </message>
    <message>
      <source>Khi hai nơi cùng sửa một thông tin, giá trị sửa sau được dùng; giá trị kia được giữ lại ở đây để cán bộ chọn. Không có dữ liệu nào bị mất.</source>
      <translation>When two places edit the same field, the later edit is used; the other value is kept here for the officer to choose. No data is lost.</translation>
    </message>
    <message>
      <source>Bản ghi chưa đồng bộ được</source>
      <translation>Records not synced yet</translation>
    </message>
    <message>
      <source>Xung đột cần xem</source>
      <translation>Conflicts to review</translation>
    </message>
    <message>
      <source>Nhập địa chỉ máy chủ và mã thiết bị.</source>
      <translation>Enter the server address and the device token.</translation>
    </message>
    <message>
      <source>Nhập địa chỉ máy chủ.</source>
      <translation>Enter the server address.</translation>
    </message>
    <message>
      <source>Kết nối được máy chủ. {answer}</source>
      <translation>Connected to the server. {answer}</translation>
    </message>
    <message>
      <source>Nhập địa chỉ máy chủ và tài khoản.</source>
      <translation>Enter the server address and the account.</translation>
    </message>
    <message>
      <source>Nhập mã thiết bị (do tỉnh cấp) trước.</source>
      <translation>Enter the device code (issued by the province) first.</translation>
    </message>
    <message>
      <source>Ghi gói USB</source>
      <translation>Write USB bundle</translation>
    </message>
    <message>
      <source>Gói Sổ Trẻ Em (*.stb)</source>
      <translation>Sổ Trẻ Em bundles (*.stb)</translation>
    </message>
    <message>
      <source>Nhập gói trả lời</source>
      <translation>Import the reply bundle</translation>
    </message>
    <message>
      <source>Đã ghi {n} thay đổi vào {name}. Mang tệp lên tỉnh; khi có gói trả lời, bấm “Nhập gói trả lời…”. Các thay đổi chỉ được coi là đã gửi khi nhập gói trả lời.</source>
      <translation>Wrote {n} changes to {name}. Take the file to the province; when the reply package comes back, press “Import reply package…”. The changes count as sent only once the reply is imported.</translation>
    </message>
    <message>
      <source>Máy chủ đã nhận {pushed} thay đổi (từ chối {rejected}); nhận về {pulled} thay đổi, {conflicts} xung đột.</source>
      <translation>The server took {pushed} changes (refused {rejected}); received {pulled} changes, {conflicts} conflicts.</translation>
    </message>
    <message>
      <source>Máy chủ còn dữ liệu: hãy làm thêm một lượt gói USB.</source>
      <translation>The server has more: do another USB round.</translation>
    </message>
    <message>
      <source>Đã đồng bộ: gửi {sent}, nhận {received} thay đổi.</source>
      <translation>Synced: sent {sent}, received {received} changes.</translation>
    </message>
    <message>
      <source>đang đồng bộ…</source>
      <translation>syncing…</translation>
    </message>
    <message>
      <source>chưa đặt máy chủ</source>
      <translation>no server set</translation>
    </message>
  </context>
  <context>
    <name>SyncScheduler</name>
    <message>
      <source>Chưa đặt máy chủ: nhập địa chỉ máy chủ và mã thiết bị trước.</source>
      <translation>No server set: enter the server address and device token first.</translation>
    </message>
    <message>
      <source>Đã dừng đồng bộ.</source>
      <translation>Sync stopped.</translation>
    </message>
  </context>
  <context>
    <name>TargetDialog</name>
    <message>
      <source>Chỉ tiêu kế hoạch năm {year}</source>
      <translation>Plan target for {year}</translation>
    </message>
    <message>
      <source>chỉ với chỉ tiêu khác</source>
      <translation>only for other targets</translation>
    </message>
    <message>
      <source>đến</source>
      <translation>to</translation>
    </message>
    <message>
      <source>tuổi</source>
      <translation>years</translation>
    </message>
    <message>
      <source>Chỉ tiêu *</source>
      <translation>Target *</translation>
    </message>
    <message>
      <source>Tên chỉ tiêu</source>
      <translation>Target name</translation>
    </message>
    <message>
      <source>Giá trị chỉ tiêu *</source>
      <translation>Target value *</translation>
    </message>
    <message>
      <source>Cấp giao</source>
      <translation>Set by</translation>
    </message>
    <message>
      <source>Đã đạt (nhập tay)</source>
      <translation>Achieved (entered by hand)</translation>
    </message>
    <message>
      <source>Trẻ em từ (mẫu số)</source>
      <translation>Children aged (denominator)</translation>
    </message>
    <message>
      <source>Ví dụ: Số mô hình “Ngôi nhà an toàn”</source>
      <translation>E.g. Number of “Safe home” models</translation>
    </message>
    <message>
      <source>đồng, ví dụ 20.000.000</source>
      <translation>VND, e.g. 20.000.000</translation>
    </message>
    <message>
      <source>phần trăm, ví dụ 95</source>
      <translation>percent, e.g. 95</translation>
    </message>
    <message>
      <source>số, ví dụ 9</source>
      <translation>number, e.g. 9</translation>
    </message>
  </context>
  <context>
    <name>TrainingPage</name>
    <message>
      <source>Mọi chủ đề</source>
      <translation>All topics</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Chủ đề</source>
      <translation>Topic</translation>
    </message>
    <message>
      <source>Tên lớp</source>
      <translation>Course name</translation>
    </message>
    <message>
      <source>Địa điểm</source>
      <translation>Venue</translation>
    </message>
    <message>
      <source>Giảng viên</source>
      <translation>Trainer</translation>
    </message>
    <message>
      <source>Nam</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>Nữ</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>Tổng số</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Kinh phí</source>
      <translation>Cost</translation>
    </message>
    <message>
      <source>Ghi lớp tập huấn mới…</source>
      <translation>Record new training course…</translation>
    </message>
    <message>
      <source>lớp “{title}” và danh sách người tham gia</source>
      <translation>course “{title}” and its list of participants</translation>
    </message>
    <message>
      <source>Xóa lớp tập huấn</source>
      <translation>Delete training course</translation>
    </message>
    <message>
      <source>Năm</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Cộng</source>
      <translation>Total</translation>
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
      <source>{n} lớp · {total} lượt người tham gia ({male} nam, {female} nữ) · kinh phí {cost}</source>
      <translation>{n} courses · {total} participants ({male} male, {female} female) · cost {cost}</translation>
    </message>
    <message>
      <source>Người tham gia lớp “{title}”</source>
      <translation>Participants of “{title}”</translation>
    </message>
    <message>
      <source>Chọn một lớp để xem người tham gia.</source>
      <translation>Select a course to see its participants.</translation>
    </message>
  </context>
  <context>
    <name>UsePage</name>
    <message>
      <source>Máy này dùng để làm gì?</source>
      <translation>What is this PC for?</translation>
    </message>
    <message>
      <source>Ghi sổ theo dõi trẻ em của một xã/phường (cán bộ xã)</source>
      <translation>Keeping one commune's register of children (commune officer)</translation>
    </message>
    <message>
      <source>Xem số liệu các xã của tỉnh (hoặc một huyện cũ), chỉ xem (tài khoản do quản trị máy chủ cấp)</source>
      <translation>View the figures of the province's communes (or of a former district), read-only (account issued by the server's administrator)</translation>
    </message>
  </context>
  <context>
    <name>VillageDialog</name>
    <message>
      <source>Đổi tên thôn/bản</source>
      <translation>Rename village</translation>
    </message>
    <message>
      <source>Thêm thôn/bản</source>
      <translation>Add village</translation>
    </message>
    <message>
      <source>Ví dụ: Thôn Sín Chải, Bản Nậm Cang</source>
      <translation>E.g. Thôn Sín Chải, Bản Nậm Cang</translation>
    </message>
    <message>
      <source>Tên thôn/bản *</source>
      <translation>Village name *</translation>
    </message>
  </context>
  <context>
    <name>VillagesBox</name>
    <message>
      <source>Tên thôn/bản</source>
      <translation>Village name</translation>
    </message>
    <message>
      <source>Tình trạng</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Thêm thôn/bản…</source>
      <translation>Add village…</translation>
    </message>
    <message>
      <source>thôn/bản “{name}”</source>
      <translation>the village “{name}”</translation>
    </message>
    <message>
      <source>Đổi tên…</source>
      <translation>Rename…</translation>
    </message>
    <message>
      <source>Gộp vào thôn/bản khác…</source>
      <translation>Merge into another village…</translation>
    </message>
    <message>
      <source>Thôi dùng / dùng lại</source>
      <translation>Retire / use again</translation>
    </message>
    <message>
      <source>đang dùng</source>
      <translation>in use</translation>
    </message>
    <message>
      <source>thôi dùng từ {day}</source>
      <translation>retired since {day}</translation>
    </message>
    <message>
      <source>{n} thôn/bản</source>
      <translation>{n} villages</translation>
    </message>
  </context>
  <context>
    <name>VillagesPage</name>
    <message>
      <source>Thôn/bản của xã (có thể bỏ qua)</source>
      <translation>The commune's villages (optional)</translation>
    </message>
    <message>
      <source>Gõ tên các thôn/bản, mỗi dòng một tên. Có thể bỏ qua: thêm sau ở Cài đặt › Thôn/bản, hoặc ngay khi nhập hồ sơ trẻ.</source>
      <translation>Type the villages' names, one per line. You may skip this: add them later in Settings › Villages, or while entering a child's record.</translation>
    </message>
    <message>
      <source>Thôn Sín Chải
Bản Nậm Cang
Thôn Lao Chải</source>
      <translation>Thôn Sín Chải
Bản Nậm Cang
Thôn Lao Chải</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>Mã hóa dữ liệu</source>
      <translation>Data encryption</translation>
    </message>
    <message>
      <source>Dữ liệu trẻ em trên máy này chưa được mã hóa: ai lấy được máy hoặc tệp đều đọc được. Mã hóa ngay bây giờ? (Tệp cũ chỉ được thay khi bản mã hóa đã hoàn tất; các tài khoản khác cần được đặt lại mật khẩu ở trang Cài đặt.)</source>
      <translation>The children's data on this computer is not encrypted: whoever gets the computer or the file can read it. Encrypt it now? (The old file is replaced only once the encrypted copy is complete; other accounts need their passwords reset on the Settings page.)</translation>
    </message>
    <message>
      <source>Chưa mã hóa được ({e}); dữ liệu cũ giữ nguyên, sẽ hỏi lại lần sau.</source>
      <translation>Could not encrypt ({e}); the old data is unchanged; you will be asked again next time.</translation>
    </message>
  </context>
  <context>
    <name>i18n</name>
    <message>
      <source>ngày {date}</source>
      <translation>on {date}</translation>
    </message>
    <message>
      <source>chưa bao giờ</source>
      <translation>never</translation>
    </message>
    <message>
      <source>vừa xong</source>
      <translation>just now</translation>
    </message>
    <message>
      <source>{n} phút trước</source>
      <translation>{n} minutes ago</translation>
    </message>
    <message>
      <source>{n} giờ trước</source>
      <translation>{n} hours ago</translation>
    </message>
    <message>
      <source>{n} ngày trước</source>
      <translation>{n} days ago</translation>
    </message>
    <message>
      <source>{name} (thôi dùng)</source>
      <translation>{name} (retired)</translation>
    </message>
  </context>
  <context>
    <name>page_parts</name>
    <message>
      <source>Sửa…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <source>Xóa</source>
      <translation>Delete</translation>
    </message>
  </context>
  <context>
    <name>recovery</name>
    <message>
      <source>Sổ trẻ em bị hỏng</source>
      <translation>The register is damaged</translation>
    </message>
    <message>
      <source>Tệp dữ liệu {p} bị hỏng ({e}) và chưa có bản sao lưu tự động dùng được. Hãy khôi phục từ bản sao lưu trên USB (lệnh “sotreem restore TỆP”) hoặc nhờ cán bộ tin học; đừng xóa tệp hỏng.</source>
      <translation>The data file {p} is damaged ({e}) and there is no usable automatic backup. Restore a backup from a USB stick (command “sotreem restore FILE”) or ask IT support; do not delete the damaged file.</translation>
    </message>
    <message>
      <source>Tệp dữ liệu bị hỏng ({e}). Khôi phục bản sao lưu tự động mới nhất, lúc {t}, có {n} trẻ em? Tệp hỏng được giữ lại để kiểm tra.</source>
      <translation>The data file is damaged ({e}). Restore the newest automatic backup, made at {t}, with {n} children? The damaged file is kept for inspection.</translation>
    </message>
  </context>
  <context>
    <name>categories</name>
    <message>
      <source>Ao, hồ</source>
      <translation>Pond, lake</translation>
    </message>
    <message>
      <source>Biển cảnh báo</source>
      <translation>Warning sign</translation>
    </message>
    <message>
      <source>Báo cáo số liệu</source>
      <translation>Statistical report</translation>
    </message>
    <message>
      <source>Báo cáo đã gửi</source>
      <translation>Report sent</translation>
    </message>
    <message>
      <source>Bí thư chi bộ</source>
      <translation>Party cell secretary</translation>
    </message>
    <message>
      <source>Bóc lột, lao động trẻ em</source>
      <translation>Exploitation, child labour</translation>
    </message>
    <message>
      <source>Bước xử lý vụ việc</source>
      <translation>Case step</translation>
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
      <source>Bỏng</source>
      <translation>Burn</translation>
    </message>
    <message>
      <source>Cha mẹ / người chăm sóc</source>
      <translation>Parent / caregiver</translation>
    </message>
    <message>
      <source>Chi</source>
      <translation>Spent</translation>
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
      <source>Chỉ tiêu kế hoạch</source>
      <translation>Plan target</translation>
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
      <source>Công an</source>
      <translation>Police</translation>
    </message>
    <message>
      <source>Cơ sở dữ liệu</source>
      <translation>Database</translation>
    </message>
    <message>
      <source>Cơ sở y tế</source>
      <translation>Health centre</translation>
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
      <source>Danh sách hoạt động</source>
      <translation>Activities list</translation>
    </message>
    <message>
      <source>Danh sách lỗi khi nhập</source>
      <translation>Import problem list</translation>
    </message>
    <message>
      <source>Danh sách lớp tập huấn</source>
      <translation>Training courses list</translation>
    </message>
    <message>
      <source>Danh sách rà soát điểm nguy cơ đuối nước</source>
      <translation>Review list of drowning hazard spots</translation>
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
      <source>Dạy bơi cho trẻ em</source>
      <translation>Swimming lessons for children</translation>
    </message>
    <message>
      <source>Dạy kỹ năng phòng, chống tai nạn thương tích, đuối nước</source>
      <translation>Injury and drowning prevention skills</translation>
    </message>
    <message>
      <source>Gia đình, người thân</source>
      <translation>Family, relatives</translation>
    </message>
    <message>
      <source>Giáo viên</source>
      <translation>Teacher</translation>
    </message>
    <message>
      <source>Giếng</source>
      <translation>Well</translation>
    </message>
    <message>
      <source>Giếng, bể chứa nước</source>
      <translation>Well, water tank</translation>
    </message>
    <message>
      <source>Gộp hồ sơ trùng</source>
      <translation>Merge a duplicate record</translation>
    </message>
    <message>
      <source>Hiện vật</source>
      <translation>In kind</translation>
    </message>
    <message>
      <source>Hoàn cảnh của trẻ</source>
      <translation>Child's circumstance</translation>
    </message>
    <message>
      <source>Hoàn cảnh đặc biệt</source>
      <translation>Special circumstances</translation>
    </message>
    <message>
      <source>Hoạt động</source>
      <translation>Activity</translation>
    </message>
    <message>
      <source>Huyện cũ giao (kế hoạch trước 1/7/2025)</source>
      <translation>Set by the former district (plans before 1/7/2025)</translation>
    </message>
    <message>
      <source>Hàng xóm, người dân</source>
      <translation>Neighbours, residents</translation>
    </message>
    <message>
      <source>Học bổng</source>
      <translation>Scholarship</translation>
    </message>
    <message>
      <source>Hố công trình, hố khai thác</source>
      <translation>Construction or quarry pit</translation>
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
      <source>In</source>
      <translation>Printed</translation>
    </message>
    <message>
      <source>Khác</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>Khôi phục bản sao lưu</source>
      <translation>Backup restored</translation>
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
      <source>Kết quả tiêu chí xã phù hợp với trẻ em</source>
      <translation>Child-friendly commune criterion result</translation>
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
      <source>Lớp tập huấn</source>
      <translation>Training course</translation>
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
      <source>Ngã</source>
      <translation>Fall</translation>
    </message>
    <message>
      <source>Người hỗ trợ (không xem vụ việc bảo vệ)</source>
      <translation>Assistant (cannot view protection cases)</translation>
    </message>
    <message>
      <source>Người nước ngoài</source>
      <translation>Foreign national</translation>
    </message>
    <message>
      <source>Người trông coi</source>
      <translation>Someone on watch</translation>
    </message>
    <message>
      <source>Ngầm, tràn, bến đò</source>
      <translation>Ford, spillway, ferry landing</translation>
    </message>
    <message>
      <source>Ngộ độc</source>
      <translation>Poisoning</translation>
    </message>
    <message>
      <source>Nhà trường, giáo viên</source>
      <translation>School, teachers</translation>
    </message>
    <message>
      <source>Nhập từ tệp</source>
      <translation>Imported from file</translation>
    </message>
    <message>
      <source>Nhật ký truy cập</source>
      <translation>Access log</translation>
    </message>
    <message>
      <source>Nhẹ</source>
      <translation>Minor</translation>
    </message>
    <message>
      <source>Nơi khác</source>
      <translation>Elsewhere</translation>
    </message>
    <message>
      <source>Nơi tạm trú an toàn</source>
      <translation>Safe temporary shelter</translation>
    </message>
    <message>
      <source>Nắp đậy</source>
      <translation>Cover</translation>
    </message>
    <message>
      <source>Nặng</source>
      <translation>Severe</translation>
    </message>
    <message>
      <source>Nữ</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>Phao, dụng cụ cứu hộ</source>
      <translation>Buoy, rescue equipment</translation>
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
      <source>Rào chắn</source>
      <translation>Fence</translation>
    </message>
    <message>
      <source>Sông, suối</source>
      <translation>River, stream</translation>
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
      <source>Sổ trẻ em</source>
      <translation>Child register</translation>
    </message>
    <message>
      <source>Sổ trẻ em, hoạt động và tập huấn</source>
      <translation>Register, activities and trainings</translation>
    </message>
    <message>
      <source>Sửa</source>
      <translation>Changed</translation>
    </message>
    <message>
      <source>Tai nạn giao thông</source>
      <translation>Road traffic</translation>
    </message>
    <message>
      <source>Tai nạn, thương tích trẻ em</source>
      <translation>Child injury</translation>
    </message>
    <message>
      <source>Theo dõi, đánh giá, đóng hồ sơ</source>
      <translation>Monitoring, evaluation and case closure</translation>
    </message>
    <message>
      <source>Thu (tiếp nhận ủng hộ)</source>
      <translation>Received (contribution)</translation>
    </message>
    <message>
      <source>Tháng hành động vì trẻ em</source>
      <translation>Month of Action for Children</translation>
    </message>
    <message>
      <source>Thêm mới</source>
      <translation>Created</translation>
    </message>
    <message>
      <source>Thôn/bản</source>
      <translation>Village</translation>
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
      <source>Tiền mặt</source>
      <translation>Cash</translation>
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
      <source>Trường học</source>
      <translation>School</translation>
    </message>
    <message>
      <source>Trưởng thôn, cộng tác viên thôn/bản</source>
      <translation>Village head, village collaborator</translation>
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
      <source>Trẻ em tự báo tin</source>
      <translation>The child reported it</translation>
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
      <source>Trợ giúp</source>
      <translation>Support</translation>
    </message>
    <message>
      <source>Trợ giúp pháp lý</source>
      <translation>Legal aid</translation>
    </message>
    <message>
      <source>Tài khoản</source>
      <translation>Account</translation>
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
      <source>Tại nhà</source>
      <translation>At home</translation>
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
      <source>Tỉnh giao</source>
      <translation>Set by the province</translation>
    </message>
    <message>
      <source>Tổ chức, dự án</source>
      <translation>Organisations, projects</translation>
    </message>
    <message>
      <source>Tổng đài điện thoại quốc gia 111</source>
      <translation>National child helpline 111</translation>
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
      <source>Tử vong</source>
      <translation>Death</translation>
    </message>
    <message>
      <source>Tự đánh giá xã phù hợp với trẻ em</source>
      <translation>Child-friendly commune self-assessment</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em biết kỹ năng phòng, chống tai nạn thương tích, đuối nước (%)</source>
      <translation>Share of children with injury and drowning prevention skills (%)</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp (%)</source>
      <translation>Percentage of children in special circumstances receiving support (%)</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em được học bơi, biết bơi (%)</source>
      <translation>Share of children taught to swim (%)</translation>
    </message>
    <message>
      <source>Vật sắc nhọn</source>
      <translation>Sharp object</translation>
    </message>
    <message>
      <source>Vụ việc bảo vệ trẻ em</source>
      <translation>Child protection case</translation>
    </message>
    <message>
      <source>Xem</source>
      <translation>Viewed</translation>
    </message>
    <message>
      <source>Xuất tệp</source>
      <translation>Exported</translation>
    </message>
    <message>
      <source>Xâm hại tình dục</source>
      <translation>Sexual abuse</translation>
    </message>
    <message>
      <source>Xã tự đặt</source>
      <translation>Set by the commune</translation>
    </message>
    <message>
      <source>Xóa</source>
      <translation>Deleted</translation>
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
      <source>Điểm có nguy cơ đuối nước</source>
      <translation>Drowning hazard spot</translation>
    </message>
    <message>
      <source>Điện giật</source>
      <translation>Electric shock</translation>
    </message>
    <message>
      <source>Đuối nước</source>
      <translation>Drowning</translation>
    </message>
    <message>
      <source>Đánh dấu đã gửi</source>
      <translation>Marked as sent</translation>
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
      <source>Đăng nhập</source>
      <translation>Signed in</translation>
    </message>
    <message>
      <source>Đăng nhập sai</source>
      <translation>Failed sign-in</translation>
    </message>
    <message>
      <source>Đường giao thông</source>
      <translation>Road</translation>
    </message>
    <message>
      <source>Đập, hồ chứa nước</source>
      <translation>Dam, reservoir</translation>
    </message>
    <message>
      <source>Động vật cắn, húc, đốt</source>
      <translation>Animal bite, goring, sting</translation>
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
  <context>
    <name>AuditTableModel</name>
    <message>
      <source>Thời điểm</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>Người dùng</source>
      <translation>User</translation>
    </message>
    <message>
      <source>Thao tác</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Đối tượng</source>
      <translation>Record type</translation>
    </message>
    <message>
      <source>Nội dung</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>Chi tiết</source>
      <translation>Details</translation>
    </message>
  </context>
  <context>
    <name>errors</name>
    <message>
      <source>Đã xảy ra lỗi ngoài dự kiến ({kind}). Dữ liệu đã lưu trước đó không bị ảnh hưởng. Chi tiết được ghi vào tệp {log}; hãy gửi tệp này cho cán bộ kỹ thuật.</source>
      <translation>An unexpected error occurred ({kind}). Data saved before is not affected. The details were written to {log}; please send this file to the IT staff.</translation>
    </message>
    <message>
      <source>Không lưu được</source>
      <translation>Could not save</translation>
    </message>
    <message>
      <source>Không thực hiện được</source>
      <translation>Could not be done</translation>
    </message>
    <message>
      <source>Không có quyền đọc hoặc ghi tệp “{name}”.</source>
      <translation>No permission to read or write the file “{name}”.</translation>
    </message>
    <message>
      <source>Không tìm thấy tệp “{name}”.</source>
      <translation>The file “{name}” was not found.</translation>
    </message>
  </context>
  <context>
    <name>JobRunner</name>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Không lưu được</source>
      <translation>Could not save</translation>
    </message>
  </context>
  <context>
    <name>RecordSection</name>
    <message>
      <source>Lý do *</source>
      <translation>Reason *</translation>
    </message>
    <message>
      <source>Xóa</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>Xóa bản ghi nhập nhầm</source>
      <translation>Remove a record entered by mistake</translation>
    </message>
    <message>
      <source>Sửa…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <source>Xóa…</source>
      <translation>Remove…</translation>
    </message>
    <message>
      <source>Xóa bản ghi nhập nhầm (ghi lý do; vẫn lưu vết)</source>
      <translation>Remove a record entered by mistake (with a reason; a trace is kept)</translation>
    </message>
    <message>
      <source>Xóa {what}? Bản ghi được đánh dấu đã xóa kèm lý do, vẫn lưu trong nhật ký và được đồng bộ; số liệu tính lại.</source>
      <translation>Remove {what}? The record is marked removed with the reason, stays in the audit trail and is synced; figures are recounted.</translation>
    </message>
    <message>
      <source>Nhập nhầm</source>
      <translation>Entered by mistake</translation>
    </message>
    <message>
      <source>Nhập trùng</source>
      <translation>Entered twice</translation>
    </message>
    <message>
      <source>Không diễn ra</source>
      <translation>Did not take place</translation>
    </message>
  </context>
  <context>
    <name>ReportPreview</name>
    <message>
      <source>Chưa xác nhận chỉ tiêu nào của Thông tư 13/2021/TT-BLĐTBXH về tai nạn, thương tích: số liệu theo định nghĩa của ứng dụng.</source>
      <translation>No injury indicator of Circular 13/2021/TT-BLĐTBXH is confirmed: these figures follow the application's definitions.</translation>
    </message>
    <message>
      <source>Nguyên nhân</source>
      <translation>Cause</translation>
    </message>
    <message>
      <source>Tổng</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Tử vong</source>
      <translation>Deaths</translation>
    </message>
    <message>
      <source>Nặng</source>
      <translation>Severe</translation>
    </message>
    <message>
      <source>Nhẹ</source>
      <translation>Minor</translation>
    </message>
    <message>
      <source>Nam</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>Nữ</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>Tai nạn, thương tích: &lt;b&gt;{n}&lt;/b&gt; trường hợp ({children} trẻ em; nam {male}, nữ {female}), tử vong &lt;b&gt;{deaths}&lt;/b&gt;. Đuối nước: {drowned} trường hợp, tử vong {drowned_dead}.</source>
      <translation>Injuries: &lt;b&gt;{n}&lt;/b&gt; ({children} children; {male} boys, {female} girls), &lt;b&gt;{deaths}&lt;/b&gt; deaths. Drowning: {drowned}, {drowned_dead} died.</translation>
    </message>
    <message>
      <source>Điểm có nguy cơ đuối nước: {total} (có biển cảnh báo {sign}, có rào chắn {fence}, chưa có biện pháp {bare}); kiểm tra trong kỳ: {checked}.</source>
      <translation>Drowning hazard spots: {total} (with a warning sign {sign}, with a fence {fence}, without any measure {bare}); checked in the period: {checked}.</translation>
    </message>
    <message>
      <source>Số trẻ em (dưới 16 tuổi)</source>
      <translation>Number of children (under 16)</translation>
    </message>
    <message>
      <source>Số trẻ em có hoàn cảnh đặc biệt</source>
      <translation>Number of children in special circumstances</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em có hoàn cảnh đặc biệt (%)</source>
      <translation>Share of children in special circumstances (%)</translation>
    </message>
    <message>
      <source>Số trẻ em có hoàn cảnh đặc biệt được trợ giúp</source>
      <translation>Number of children in special circumstances supported</translation>
    </message>
    <message>
      <source>Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp (%)</source>
      <translation>Share of children in special circumstances supported (%)</translation>
    </message>
    <message>
      <source>Số trẻ em bị xâm hại (chỉ tiêu 0101)</source>
      <translation>Number of abused children (indicator 0101)</translation>
    </message>
    <message>
      <source>Nhóm</source>
      <translation>Group</translation>
    </message>
    <message>
      <source>Tổng</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Nam</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>Nữ</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>DTTS</source>
      <translation>Ethnic minority</translation>
    </message>
    <message>
      <source>6 tháng đầu năm {year}</source>
      <translation>first half of {year}</translation>
    </message>
    <message>
      <source>6 tháng cuối năm {year}</source>
      <translation>second half of {year}</translation>
    </message>
    <message>
      <source>năm {year}</source>
      <translation>year {year}</translation>
    </message>
    <message>
      <source>Trẻ em dưới 16 tuổi: &lt;b&gt;{total}&lt;/b&gt; (nam {male}, nữ {female}). Trẻ em có hoàn cảnh đặc biệt: &lt;b&gt;{special}&lt;/b&gt; ({share}); có nguy cơ: {risk}. Trong kỳ: {entries} trường hợp mới, {exits} ra khỏi danh sách.</source>
      <translation>Children under 16: &lt;b&gt;{total}&lt;/b&gt; ({male} male, {female} female). Children in special circumstances: &lt;b&gt;{special}&lt;/b&gt; ({share}); at risk: {risk}. In the period: {entries} new circumstances, {exits} ended.</translation>
    </message>
    <message>
      <source>Được trợ giúp trong kỳ: &lt;b&gt;{supported}&lt;/b&gt; ({share}); kinh phí {amount}. Vụ việc: tiếp nhận {received}, đang xử lý {open}, quá hạn {overdue}. Hoạt động: {activities}; tập huấn: {courses} lớp, {people} lượt người.</source>
      <translation>Supported in the period: &lt;b&gt;{supported}&lt;/b&gt; ({share}); spending {amount}. Cases: {received} received, {open} open, {overdue} overdue. Activities: {activities}; training: {courses} courses, {people} participants.</translation>
    </message>
    <message>
      <source>tháng {month} năm {year}</source>
      <translation>month {month} of {year}</translation>
    </message>
    <message>
      <source>Chỉ tiêu (Thông tư 13/2021/TT-BLĐTBXH)</source>
      <translation>Indicator (Circular 13/2021/TT-BLĐTBXH)</translation>
    </message>
    <message>
      <source>Giá trị</source>
      <translation>Value</translation>
    </message>
  </context>
</TS>