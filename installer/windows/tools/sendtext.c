/* sendtext.exe TEXT: type TEXT into the focused window the way Vietnamese keyboard programs
 * (Unikey, EVKey) do on Windows: each character is a SendInput key press with
 * KEYEVENTF_UNICODE, which the window receives as VK_PACKET / WM_CHAR. X key events cannot
 * carry letters such as "ặ" into Qt under Wine reliably; this is what real officers' PCs send.
 * A windowed (GUI-subsystem) program, so no console window opens and takes the focus.
 * Built by installer/windows/test_windows.sh for the GUI smoke test; never shipped.
 */
#include <windows.h>
#include <shellapi.h>

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR command_line, int show) {
    (void)instance; (void)previous; (void)command_line; (void)show;
    int argc = 0;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    if (argv == NULL || argc != 2) return 2;
    for (const wchar_t *c = argv[1]; *c; c++) {
        INPUT keys[2] = {0};
        keys[0].type = keys[1].type = INPUT_KEYBOARD;
        keys[0].ki.wScan = keys[1].ki.wScan = *c;
        keys[0].ki.dwFlags = KEYEVENTF_UNICODE;
        keys[1].ki.dwFlags = KEYEVENTF_UNICODE | KEYEVENTF_KEYUP;
        if (SendInput(2, keys, sizeof(INPUT)) != 2) return 1;
        Sleep(30);
    }
    LocalFree(argv);
    return 0;
}
