/* Stand-in for Windows 10's icuuc.dll, for Wine only (Wine 8 has none).
 *
 * Qt6Core imports 20 ICU converter functions from the system's icuuc.dll (Windows 10 1703+).
 * Under Wine the DLL is missing and Qt6Core.dll cannot load at all. Every converter here
 * fails to open, which Qt handles (it falls back to its own UTF-8/UTF-16/Latin-1 codecs; the
 * application uses nothing else). Built by installer/windows/test_windows.sh into the Wine
 * prefix's system32 and never shipped: the bundle must use the real one on Windows.
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
typedef uint16_t UChar;
typedef struct UConverter UConverter;
typedef void (*UCallback)(void);
enum { U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *err) {
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(UConverter *cnv) { (void)cnv; }
EXPORT void ucnv_reset(UConverter *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const UConverter *cnv, UErrorCode *err) { (void)cnv; fail(err); return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err) {
    (void)name; (void)standard; fail(err); return NULL;
}
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, UCallback *action, const void **context) {
    (void)c; if (action) *action = NULL; if (context) *context = NULL;
}
EXPORT void ucnv_getFromUCallBack(const UConverter *c, UCallback *action, const void **context) {
    (void)c; if (action) *action = NULL; if (context) *context = NULL;
}
EXPORT void ucnv_setToUCallBack(UConverter *c, UCallback n, const void *nc, UCallback *o, const void **oc, UErrorCode *err) {
    (void)c; (void)n; (void)nc; (void)o; (void)oc; fail(err);
}
EXPORT void ucnv_setFromUCallBack(UConverter *c, UCallback n, const void *nc, UCallback *o, const void **oc, UErrorCode *err) {
    (void)c; (void)n; (void)nc; (void)o; (void)oc; fail(err);
}
EXPORT void ucnv_toUnicode(UConverter *c, UChar **t, const UChar *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(err);
}
EXPORT void ucnv_fromUnicode(UConverter *c, char **t, const char *tl, const UChar **s, const UChar *sl, int32_t *o, int8_t f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(err);
}
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *s, int32_t n, int32_t off, UErrorCode *err) {
    (void)args; (void)s; (void)n; (void)off; fail(err);
}
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **s, const UChar *sl, int32_t off, UErrorCode *err) {
    (void)args; (void)s; (void)sl; (void)off; fail(err);
}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const char *b, int32_t n, int r, UErrorCode *err) {
    (void)ctx; (void)args; (void)b; (void)n; (void)r; fail(err);
}
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const UChar *u, int32_t n, int32_t cp, int r, UErrorCode *err) {
    (void)ctx; (void)args; (void)u; (void)n; (void)cp; (void)r; fail(err);
}
