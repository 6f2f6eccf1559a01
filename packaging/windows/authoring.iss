; Inno Setup 6 script: installs the PyInstaller folder dist\authoring on Windows.
;
;   python packaging\build.py
;   iscc packaging\windows\authoring.iss            (or: iscc /DAppVersion=1.2.3 ...)
;
; writes dist\authoring-VERSION-setup.exe.  AppVersion below must match pyproject.toml's version
; (tests/packaging checks it), and the program names match packaging/authoring.spec's:
; authoring.exe is the windowed editor; authoring-cli.exe, for `check` and `export` in scripts,
; is installed beside it.
;
; File types: a course is a Markdown file (course.md).  Windows types files by their last
; extension only, so the installer cannot claim "*.course.md".  It registers a course ProgID and
; lists it in "Open with" for .md files; making the editor the default for every .md file is a
; task the user has to tick.

#define AppName "Authoring"
#define AppId "io.github.authoring.Authoring"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "authoring.exe"
#define CourseProgId "Authoring.Course"
#ifndef DistDir
  #define DistDir "..\..\dist\authoring"
#endif

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The authoring developers
AppPublisherURL=https://github.com/authoring/authoring
AppSupportURL=https://github.com/authoring/authoring/issues
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs for the current user without admin rights unless the user chooses all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=authoring-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\io.github.authoring.Authoring.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "markdowndefault"; Description: "Open all Markdown (.md) files with {#AppName}"; GroupDescription: "File types:"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Write microlearning in Markdown; export SCORM packages and PDFs"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The course file type, opened by the windowed editor.
Root: HKA; Subkey: "Software\Classes\{#CourseProgId}"; ValueType: string; ValueName: ""; ValueData: "Microlearning course"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#CourseProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#CourseProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; Offered in "Open with" for every .md file, without taking .md over.
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "{#CourseProgId}"; ValueData: ""; Flags: uninsdeletevalue
; Only when the user ticks the task.  Windows 10 and later still ask once before changing a default.
Root: HKA; Subkey: "Software\Classes\.md"; ValueType: string; ValueName: ""; ValueData: "{#CourseProgId}"; Flags: uninsdeletevalue; Tasks: markdowndefault
; Listed by name in "Open with" and Default apps.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
