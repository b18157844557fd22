/* asan-full-stacks.c: linked into the keyring tests, which run in the 'sanitize' suite.
 *
 * Under LeakSanitizer their only leaks are bodies of D-Bus messages that GLib's D-Bus worker
 * thread parsed for libsecret (tests/lsan.supp, g_dbus_message_new_from_blob). The default
 * fast unwinder stops at the first frame of Debian's GLib (built without frame pointers), so
 * the stacks would name no function to suppress by: these tests record full stacks. The slow
 * unwinder deadlocks inside llvmpipe's JIT (libgcc's unwinder re-entered through malloc), so
 * GTK draws with cairo here, as the other widget tests do under the sanitizers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)

const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

__attribute__((constructor)) static void
draw_with_cairo (void)
{
  setenv ("GDK_DEBUG", "gl-disable", 0);
}

#endif
