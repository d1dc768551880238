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
// Before uninstalling, make one last backup of the register into the data folder's backups.
function InitializeUninstall(): Boolean;
var
  ResultCode: Integer;
begin
  Exec(ExpandConstant('{app}\sotreem.exe'), 'backup', '', SW_HIDE, ewWaitUntilTerminated, ResultCode);
  Result := True;
end;
