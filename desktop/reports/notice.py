"""The line every file or printed page that names children carries (Luật Trẻ em, Điều 33)."""

PERSONAL_DATA_NOTE = (
    "Tài liệu có thông tin cá nhân của trẻ em — không chia sẻ ngoài phạm vi công việc."
)
