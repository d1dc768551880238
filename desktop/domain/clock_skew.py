"""How far the PC's clock is from the server's, and what to tell the officer about it.

Every answer of the server carries its clock. A PC whose clock lags moves its sync clock
forward to the server's (never back), so its next edits are ordered after what it has seen; a
PC whose clock runs ahead has its far-future time stamps replaced by the server's. Either way
the officer is told to set the PC's date and time, because forms, reports and deadlines read
the same clock.
"""

from __future__ import annotations

from dataclasses import dataclass

TOLERANCE_MS = 10 * 60 * 1000  # the same margin the server allows a change's clock
_MINUTE, _HOUR, _DAY = 60_000, 3_600_000, 86_400_000


@dataclass(frozen=True)
class ClockReading:
    """One comparison: the server's clock and the PC's at the moment its answer arrived."""

    server_ms: int
    pc_ms: int
    exact: bool = True  # False for a USB reply: it waited on the stick, only a lag shows

    @property
    def skew_ms(self) -> int:
        """Positive: the PC runs ahead of the server; negative: it lags."""
        return self.pc_ms - self.server_ms

    @property
    def wrong(self) -> bool:
        if self.skew_ms < -TOLERANCE_MS:
            return True
        return self.exact and self.skew_ms > TOLERANCE_MS

    @property
    def message(self) -> str | None:
        """A Vietnamese sentence for the officer, or None when the clock is right."""
        if not self.wrong:
            return None
        how = "nhanh" if self.skew_ms > 0 else "chậm"
        gap = duration(abs(self.skew_ms))
        return (
            f"Đồng hồ của máy tính này đang {how} hơn giờ của máy chủ {gap}. Hãy chỉnh lại ngày "
            "giờ của máy (Windows: Cài đặt → Thời gian và ngôn ngữ → bật “Đặt giờ tự động”), vì "
            "ngày trên biểu mẫu, báo cáo và thời hạn xử lý vụ việc đều lấy theo đồng hồ này. Các "
            "thay đổi đã gửi được sắp xếp theo giờ của máy chủ."
        )


def duration(ms: int) -> str:
    """“3 năm 120 ngày”, “5 giờ 3 phút”, “12 phút”: the size of a skew in words."""
    days, rest = divmod(ms, _DAY)
    if days >= 365:
        years, days = divmod(days, 365)
        return f"{years} năm" + (f" {days} ngày" if days else "")
    if days:
        return f"{days} ngày" + (f" {rest // _HOUR} giờ" if rest // _HOUR else "")
    hours, rest = divmod(ms, _HOUR)
    minutes = rest // _MINUTE
    if hours:
        return f"{hours} giờ" + (f" {minutes} phút" if minutes else "")
    return f"{max(minutes, 1)} phút"
