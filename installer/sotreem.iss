; Inno Setup script: a per-user installer (no administrator rights) for the bundle that
; `pyinstaller installer/sotreem.spec` leaves in dist\sotreem. Compiled with Inno Setup 6.4.1
; (npm package innosetup@6.4.1) by `make test-windows` (under Wine) and by the Windows workflow:
;   ISCC.exe /DAppVersion=0.1.0 installer\sotreem.iss
; The data folder (%LOCALAPPDATA%\SoTreEm) is never deleted by setup or uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; The user guide is shipped (with its Start menu entry) only when `make guide` has built it.
#define Guide SourcePath + "..\dist\huong-dan-su-dung.pdf"

[Setup]
AppId={{6C1C3F2E-5B7A-4D2B-9C4E-50A7E3C1D2B9}
AppName=Sổ Trẻ Em
AppVersion={#AppVersion}
AppPublisher=Sổ Trẻ Em
DefaultDirName={localappdata}\Programs\SoTreEm
DefaultGroupName=Sổ Trẻ Em
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=SoTreEm-{#AppVersion}-cai-dat
Compression=lzma2
SolidCompression=yes
; two compressor threads on 32 MiB blocks: half the compile time on 2 cores, +0.4 % in size
LZMANumBlockThreads=2
LZMABlockSize=32768
WizardStyle=modern
UninstallDisplayName=Sổ Trẻ Em {#AppVersion}
CloseApplications=yes
; 64-bit Windows only: the bundle is built with 64-bit Python. Windows 10 1809 or later is
; checked in InitializeSetup below, with a message in Vietnamese. Setup itself stays in 32-bit
; install mode, as the earlier installers were: switching modes makes an upgrade leave the old
; uninstaller (unins000) behind beside a new one (unins001), as make test-windows found.
ArchitecturesAllowed=x64compatible

[Languages]
; The project's own translation of the compiler's Default.isl (every message; checked by
; tests/test_installer_messages.py).
Name: "vi"; MessagesFile: "Vietnamese.isl"

[Files]
Source: "..\dist\sotreem\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#if FileExists(Guide)
Source: "{#Guide}"; DestDir: "{app}"; Flags: ignoreversion
#endif

[InstallDelete]
; An upgrade replaces the program folder: files a newer bundle no longer has must not linger
; (an old Qt DLL left beside the new ones could be loaded instead of the right one).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Sổ Trẻ Em"; Filename: "{app}\sotreem.exe"
#if FileExists(Guide)
Name: "{group}\Hướng dẫn sử dụng"; Filename: "{app}\huong-dan-su-dung.pdf"
#endif
Name: "{group}\Gỡ cài đặt Sổ Trẻ Em"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Sổ Trẻ Em"; Filename: "{app}\sotreem.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình"; Flags: unchecked

[Run]
Filename: "{app}\sotreem.exe"; Description: "Mở Sổ Trẻ Em"; Flags: nowait postinstall skipifsilent

[Code]
const
  DataDir = '{localappdata}\SoTreEm';
  MinBuild = 17763; // Windows 10 version 1809 (October 2018)

// Qt 6 and the Rust-built libraries load system DLLs that only Windows 10 1809+ has: on an
// older Windows the program would not start, so setup says so instead of installing it.
function InitializeSetup(): Boolean;
var
  Version: TWindowsVersion;
  Found: String;
begin
  GetWindowsVersionEx(Version);
  Result := (Version.Major > 10) or ((Version.Major = 10) and (Version.Build >= MinBuild));
  if not Result then
  begin
    // (no line of [Code] may start with a bracket: the compiler takes it for a section)
    Found := Format('%d.%d (build %d)', [Version.Major, Version.Minor, Version.Build]);
    Log('Windows ' + Found + ': cần Windows 10 bản 1809 (build 17763) trở lên');
    SuppressibleMsgBox('Sổ Trẻ Em cần Windows 10 (bản 1809 trở lên) hoặc Windows 11, loại ' +
      '64-bit. Máy này đang chạy Windows ' + Found + ', nên chưa cài được.' + #13#10#13#10 +
      'Hãy nhờ cán bộ tin học của xã hoặc tỉnh nâng cấp Windows, hoặc cài trên một máy khác.',
      mbCriticalError, MB_OK, IDOK);
  end;
end;

// The installed program checks itself on a throw-away database (window, encrypted database,
// PDF and Excel). A failure is logged and shown, so nobody leaves with a program that cannot run.
procedure CurStepChanged(CurStep: TSetupStep);
var
  Code: Integer;
begin
  if CurStep <> ssPostInstall then Exit;
  WizardForm.StatusLabel.Caption := 'Đang tự kiểm tra Sổ Trẻ Em…';
  if Exec(ExpandConstant('{app}\sotreem.exe'), '--self-test', '', SW_HIDE,
    ewWaitUntilTerminated, Code) and (Code = 0) then
    Log('Tự kiểm tra sau khi cài: đạt')
  else
  begin
    Log(Format('Tự kiểm tra sau khi cài: KHÔNG ĐẠT (mã %d)', [Code]));
    SuppressibleMsgBox('Sổ Trẻ Em đã được cài nhưng tự kiểm tra không đạt (mã ' + IntToStr(Code) +
      '). Hãy chạy "sotreem.exe --self-test" trong thư mục cài đặt và gửi kết quả cho cán bộ ' +
      'tin học của tỉnh.', mbError, MB_OK, IDOK);
  end;
end;

// The unsent count the application leaves in sync-state.json at every exit and sync.
function UnsentChanges(): Integer;
var
  Text: AnsiString;
  At: Integer;
  Digits: String;
begin
  Result := 0;
  if not LoadStringFromFile(ExpandConstant(DataDir + '\sync-state.json'), Text) then Exit;
  At := Pos('"unsent": ', Text);
  if At = 0 then Exit;
  At := At + Length('"unsent": ');
  Digits := '';
  while (At <= Length(Text)) and (Text[At] >= '0') and (Text[At] <= '9') do
  begin
    Digits := Digits + Text[At];
    At := At + 1;
  end;
  Result := StrToIntDef(Digits, 0);
end;

procedure CopyIfThere(const Name, Folder: String);
begin
  if FileExists(ExpandConstant(DataDir) + '\' + Name) then
    if not CopyFile(ExpandConstant(DataDir) + '\' + Name, Folder + '\' + Name, False) then
      Log('Không chép được ' + Name + ' vào ' + Folder);
end;

// Warn when changes have not reached the server yet (a silent uninstall, run by a script with
// nobody to answer, goes on: the data stays on the PC either way), then keep one last copy of
// the (encrypted) register and its key file: a plain file copy, so no password is needed.
function InitializeUninstall(): Boolean;
var
  Unsent: Integer;
  Folder: String;
begin
  Result := True;
  Unsent := UnsentChanges();
  if Unsent > 0 then
  begin
    Log(Format('Còn %d thay đổi chưa gửi lên máy chủ; dữ liệu được giữ lại', [Unsent]));
    if not UninstallSilent() then
      Result := SuppressibleMsgBox(Format('Còn %d thay đổi chưa gửi lên máy chủ tỉnh. ' +
        'Dữ liệu vẫn được giữ trên máy sau khi gỡ, nhưng nên mở Sổ Trẻ Em và đồng bộ (trang ' +
        'Đồng bộ) trước. Vẫn gỡ cài đặt?', [Unsent]), mbConfirmation, MB_YESNO, IDYES) = IDYES;
  end;
  if not Result then Exit;
  Folder := ExpandConstant(DataDir) + '\backups\truoc-go-cai-dat-' +
    GetDateTimeString('yyyymmdd-hhnnss', #0, #0);
  if FileExists(ExpandConstant(DataDir) + '\sotreem.db') and ForceDirectories(Folder) then
  begin
    CopyIfThere('sotreem.db', Folder);
    CopyIfThere('sotreem.db-wal', Folder);
    CopyIfThere('sotreem.keys.json', Folder);
    Log('Bản sao trước khi gỡ: ' + Folder);
  end;
end;
