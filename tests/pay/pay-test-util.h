/* pay-test-util.h: what the payment tests read back: a 1C payment order file, and the payment
 * panel on a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pay/cab-payment-panel.h"

/* Key → value of the payment order file at @path, read back from windows-1251 with CRLF line
 * ends (asserting the format's first and last lines and that no line holds a bare LF). */
GHashTable      *pay_test_parse_order (const char *path);

/* The one payment panel under @root (asserted to be exactly one). */
CabPaymentPanel *pay_test_find_panel  (GtkWidget  *root);
