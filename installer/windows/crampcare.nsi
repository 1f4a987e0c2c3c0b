; CrampCare's Windows installer: per user, no administrator rights.
; Built by `make windows-installer`, which passes VERSION (from the root
; FyneApp.toml), EXE (build/crampcare.exe, made by `fyne package -os
; windows`), ICON (the app's PNG) and OUTFILE. Tested under Wine in
; `make test` (internal/smoke/wine_test.go): /S install, the files,
; shortcut and registry entries, the installed app, /S uninstall.

Unicode true
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include Sections.nsh

!define APPNAME "CrampCare"
; The AppUserModelID the app's toasts are sent with (notify.AppName, which
; beeep hands to go-toast): the Start-menu shortcut carries it, so Windows
; attributes the notifications to CrampCare. TestInstallerAUMID keeps the
; two equal.
!define AUMID "CrampCare"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CrampCare"
!define RUNKEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define DATADIR "$APPDATA\CrampCare"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\CrampCare"
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APPNAME} installer"
VIAddVersionKey "LegalCopyright" "CrampCare"

!define MUI_FINISHPAGE_RUN "$INSTDIR\crampcare.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start CrampCare now"
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "CrampCare will be removed. Your diary stays on this computer unless you tick the box below."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; A running CrampCare (agent and windows) is asked to close, as at log-off
; (taskkill without /F sends WM_CLOSE; the agent then ends), so its program
; file can be replaced or removed. Up to 10 s.
!macro StopCrampCare un
Function ${un}StopCrampCare
  nsExec::Exec 'taskkill /im crampcare.exe'
  Pop $0
  StrCpy $1 0
  ${Do}
    ${IfNot} ${FileExists} "$INSTDIR\crampcare.exe"
      ${Break}
    ${EndIf}
    ClearErrors
    FileOpen $2 "$INSTDIR\crampcare.exe" a
    ${IfNot} ${Errors}
      FileClose $2
      ${Break}
    ${EndIf}
    IntOp $1 $1 + 1
    ${If} $1 > 40
      ${Break}
    ${EndIf}
    Sleep 250
  ${Loop}
FunctionEnd
!macroend
!insertmacro StopCrampCare ""
!insertmacro StopCrampCare "un."

; SetShortcutAUMID gives the shortcut on the stack the System.AppUserModel.ID
; property (PKEY_AppUserModel_ID) through the shell link's IPropertyStore;
; NSIS's CreateShortCut has no option for it.
!define CLSID_ShellLink "{00021401-0000-0000-C000-000000000046}"
!define IID_IShellLinkW "{000214F9-0000-0000-C000-000000000046}"
!define IID_IPersistFile "{0000010B-0000-0000-C000-000000000046}"
!define IID_IPropertyStore "{886D8EEB-8CF2-4446-8D02-CDBA1DBDCF99}"
!define FMTID_AppUserModel "{9F4C2855-9F79-4B39-A8D0-E1D42DE1D5F3}"
Function SetShortcutAUMID
  Exch $R0 ; the .lnk
  Push $0
  Push $1
  Push $2
  Push $3
  Push $4
  Push $5
  StrCpy $1 0
  StrCpy $2 0
  StrCpy $3 0
  ; CLSCTX_INPROC_SERVER
  System::Call "ole32::CoCreateInstance(g '${CLSID_ShellLink}', p 0, i 1, g '${IID_IShellLinkW}', *p .r1) i .r0"
  ${If} $0 = 0
    System::Call "$1->0(g '${IID_IPersistFile}', *p .r2) i .r0" ; QueryInterface
  ${EndIf}
  ${If} $0 = 0
    System::Call "$2->5(w R0, i 2) i .r0" ; IPersistFile::Load, STGM_READWRITE
  ${EndIf}
  ${If} $0 = 0
    System::Call "$1->0(g '${IID_IPropertyStore}', *p .r3) i .r0" ; QueryInterface
  ${EndIf}
  ${If} $0 = 0
    ; PROPERTYKEY {FMTID, 5}; PROPVARIANT {VT_LPWSTR (31), 3 reserved words, pointer}
    System::Call "*(&g16 '${FMTID_AppUserModel}', i 5) p .r4"
    System::Call "*(&i2 31, &i2 0, &i2 0, &i2 0, w '${AUMID}', p 0) p .r5"
    System::Call "$3->6(p r4, p r5) i .r0" ; IPropertyStore::SetValue
    ${If} $0 = 0
      System::Call "$3->7() i .r0" ; IPropertyStore::Commit
    ${EndIf}
    ${If} $0 = 0
      System::Call "$2->6(p 0, i 1) i .r0" ; IPersistFile::Save, to the file it loaded
    ${EndIf}
    System::Free $4
    System::Free $5
  ${EndIf}
  ${If} $0 = 0
    DetailPrint "Shortcut's AppUserModelID: ${AUMID}"
  ${Else}
    DetailPrint "Could not give the shortcut its AppUserModelID (HRESULT $0)"
  ${EndIf}
  ${If} $3 P<> 0
    System::Call "$3->2()"
  ${EndIf}
  ${If} $2 P<> 0
    System::Call "$2->2()"
  ${EndIf}
  ${If} $1 P<> 0
    System::Call "$1->2()"
  ${EndIf}
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
  Pop $0
  Pop $R0
FunctionEnd

Section "CrampCare"
  SetShellVarContext current
  Call StopCrampCare
  SetOutPath "$INSTDIR"
  File "/oname=crampcare.exe" "${EXE}"
  File "/oname=crampcare.png" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\CrampCare.lnk" "$INSTDIR\crampcare.exe" "" "$INSTDIR\crampcare.exe" 0
  Push "$SMPROGRAMS\CrampCare.lnk"
  Call SetShortcutAUMID

  ; How toasts sent with the AUMID are shown: name and icon (go-toast
  ; writes these only where they are missing, so the installed icon stays).
  WriteRegStr HKCU "Software\Classes\AppUserModelId\${AUMID}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "Software\Classes\AppUserModelId\${AUMID}" "IconUri" "$INSTDIR\crampcare.png"

  ; crampcare: links (notification actions) run the program with the link.
  WriteRegStr HKCU "Software\Classes\crampcare" "" "URL:CrampCare"
  WriteRegStr HKCU "Software\Classes\crampcare" "URL Protocol" ""
  WriteRegStr HKCU "Software\Classes\crampcare\DefaultIcon" "" "$INSTDIR\crampcare.exe,0"
  WriteRegStr HKCU "Software\Classes\crampcare\shell\open\command" "" '"$INSTDIR\crampcare.exe" "%1"'

  ; Apps & features.
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "CrampCare"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\crampcare.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "un.CrampCare (the program)" UN_PROGRAM
  SectionIn RO
  SetShellVarContext current
  Call un.StopCrampCare
  Delete "$SMPROGRAMS\CrampCare.lnk"
  Delete "$INSTDIR\crampcare.exe"
  Delete "$INSTDIR\crampcare.png"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ; The app's autostart entry (Settings > Start with Windows).
  DeleteRegValue HKCU "${RUNKEY}" "CrampCare"
  DeleteRegKey HKCU "Software\Classes\crampcare"
  DeleteRegKey HKCU "Software\Classes\AppUserModelId\${AUMID}"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

; Off unless ticked, so a silent uninstall (/S) keeps the diary.
Section /o "un.Also delete my diary" UN_DIARY
  SetShellVarContext current
  RMDir /r "${DATADIR}"
SectionEnd

; /DELETEDIARY ticks "Also delete my diary" for a silent uninstall (/S),
; which otherwise keeps it.
Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDIARY" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UN_DIARY}
  ${EndIf}
FunctionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UN_PROGRAM} "The program, its Start-menu shortcut and its autostart entry."
  !insertmacro MUI_DESCRIPTION_TEXT ${UN_DIARY} "Your cramps, glasses, stretches, settings and backups in ${DATADIR}. Left unticked, they stay for a later CrampCare."
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
