/* Stand-in for Windows 10's bcryptprimitives.dll, for Wine only (Wine 8 has none).
 *
 * Rust's standard library (cryptography, pydantic-core) takes random bytes from
 * ProcessPrng, which Windows 10 exports from bcryptprimitives.dll. Wine 8 has BCryptGenRandom,
 * so this forwards to it. Built by installer/windows/test_windows.sh into the Wine prefix's
 * system32 and never shipped: the bundle must use the real one on Windows.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
