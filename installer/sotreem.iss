; Inno Setup script: a per-user installer (no administrator rights) for the bundle that
; `pyinstaller installer/sotreem.spec` leaves in dist\sotreem. Built by the Windows workflow
; (.github/workflows/windows.yml) with: iscc /DAppVersion=0.1.0 installer\sotreem.iss
; The data folder (%LOCALAPPDATA%\SoTreEm) is never touched by setup or uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

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
WizardStyle=modern
UninstallDisplayName=Sổ Trẻ Em {#AppVersion}
CloseApplications=yes

[Languages]
; Vietnamese.isl is one of Inno Setup's translations (Languages\Unofficial in the source tree);
; the workflow copies it next to this script before compiling.
Name: "vi"; MessagesFile: "Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\sotreem\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\dist\huong-dan-su-dung.pdf"; DestDir: "{app}"; Flags: ignoreversion skipifsourcedoesntexist

[Icons]
Name: "{group}\Sổ Trẻ Em"; Filename: "{app}\sotreem.exe"
Name: "{group}\Hướng dẫn sử dụng"; Filename: "{app}\huong-dan-su-dung.pdf"
Name: "{group}\Gỡ cài đặt Sổ Trẻ Em"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Sổ Trẻ Em"; Filename: "{app}\sotreem.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình"; Flags: unchecked

[Run]
Filename: "{app}\sotreem.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Đang tự kiểm tra…"
Filename: "{app}\sotreem.exe"; Description: "Mở Sổ Trẻ Em"; Flags: nowait postinstall skipifsilent

[Code]
const
  DataDir = '{localappdata}\SoTreEm';

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
    FileCopy(ExpandConstant(DataDir) + '\' + Name, Folder + '\' + Name, False);
end;

// Warn when changes have not reached the server yet, then keep one last copy of the
// (encrypted) register and its key file: a plain file copy, so no password is needed.
function InitializeUninstall(): Boolean;
var
  Unsent: Integer;
  Folder: String;
begin
  Result := True;
  Unsent := UnsentChanges();
  if Unsent > 0 then
    Result := MsgBox(Format('Còn %d thay đổi chưa gửi lên máy chủ huyện/tỉnh. Dữ liệu vẫn ' +
      'được giữ trên máy sau khi gỡ, nhưng nên mở Sổ Trẻ Em và đồng bộ (trang Đồng bộ) ' +
      'trước. Vẫn gỡ cài đặt?', [Unsent]), mbConfirmation, MB_YESNO) = IDYES;
  if not Result then Exit;
  Folder := ExpandConstant(DataDir) + '\backups\truoc-go-cai-dat-' +
    GetDateTimeString('yyyymmdd-hhnnss', #0, #0);
  if FileExists(ExpandConstant(DataDir) + '\sotreem.db') and ForceDirectories(Folder) then
  begin
    CopyIfThere('sotreem.db', Folder);
    CopyIfThere('sotreem.db-wal', Folder);
    CopyIfThere('sotreem.keys.json', Folder);
  end;
end;
