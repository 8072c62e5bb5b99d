; Tryggapp's Windows installer (Inno Setup 6.3 or newer): per user, no administrator
; rights, Swedish, a Start-menu entry with the app's icon, and an uninstaller that leaves
; the user's database and backups alone.
;
; Built by .github/workflows/windows-release.yml after PyInstaller:
;   iscc /DAppVersion=0.1.0 /DDistDir=<repo>\dist\tryggapp packaging\windows\tryggapp.iss
; Where things go (README, "Windows"):
;   program:  %LOCALAPPDATA%\Programs\Tryggapp   ({userpf}: replaced on update, removed on uninstall)
;   data:     %LOCALAPPDATA%\Tryggapp            (platformdirs' user_data_dir: tryggapp.db,
;             säkerhetskopior\, logs\; Tryggapp writes it, this installer never touches it)

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible)
#endif

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  ; PyInstaller's output (packaging/tryggapp.spec), relative to this file.
  #define DistDir "..\..\dist\tryggapp"
#endif
#ifndef SwedishIsl
  ; Inno Setup's Swedish messages. The workflow passes a path when the installed Inno
  ; Setup does not ship Languages\Swedish.isl.
  #define SwedishIsl "compiler:Languages\Swedish.isl"
#endif

[Setup]
; The AppId ties updates and the uninstaller to this program: never change it.
AppId={{A737BD94-A354-4CCC-A783-9182A320424E}
AppName=Tryggapp
AppVersion={#AppVersion}
AppVerName=Tryggapp {#AppVersion}
AppPublisher=Tryggapp
VersionInfoVersion={#AppVersion}
; Per user, without administrator rights: no UAC prompt, installs under the user's
; profile; {autoprograms} and {autodesktop} are then the user's own Start menu and desktop.
; (PrivilegesRequiredOverridesAllowed stays blank: a machine-wide install is not offered.)
PrivilegesRequired=lowest
DefaultDirName={userpf}\Tryggapp
DefaultGroupName=Tryggapp
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\resources\icons\tryggapp.ico
UninstallDisplayIcon={app}\Tryggapp.exe
UninstallDisplayName=Tryggapp
WizardStyle=modern
ShowLanguageDialog=no
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\build\installer
OutputBaseFilename=Tryggapp-{#AppVersion}-installation
; A running Tryggapp holds its files open: ask to close it (it saves as it goes).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "sv"; MessagesFile: "{#SwedishIsl}"

[CustomMessages]
sv.DataKept=Din databas, dina säkerhetskopior och loggar finns kvar i %1.%n%nTa bort mappen själv om du inte längre behöver dem.
sv.NotInDataFolder=Installera inte programmet i mappen där Tryggapp sparar din databas (%1). Välj en annan mapp.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: Tryggapp.exe (the window), tryggapp-cli.exe (the command
; line) and _internal\. Only these files are removed again on uninstall.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the bundle whole: files of an older version that the new one no
; longer has must not be picked up by it.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Tryggapp"; Filename: "{app}\Tryggapp.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Tryggapp"; Filename: "{app}\Tryggapp.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\Tryggapp.exe"; Description: "{cm:LaunchProgram,Tryggapp}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes exactly the files [Files] installed, and
; {app} only if it is then empty. The user's data lives elsewhere (DataDir below).

[Code]
// platformdirs.user_data_dir("Tryggapp", appauthor=False, roaming=False) on Windows.
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\Tryggapp');
end;

function IsInside(const Path, Folder: String): Boolean;
var
  P, F: String;
begin
  P := Lowercase(AddBackslash(Path));
  F := Lowercase(AddBackslash(Folder));
  Result := Copy(P, 1, Length(F)) = F;
end;

// The install folder must not be (or lie inside) the data folder: an update replaces
// {app}\_internal, and the user's database must never sit among the program's files.
function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpSelectDir) and IsInside(WizardDirValue, DataDir()) then
  begin
    MsgBox(FmtMessage(CustomMessage('NotInDataFolder'), [DataDir()]), mbError, MB_OK);
    Result := False;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir()) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir()]), mbInformation, MB_OK);
end;
