/* cab-admin-import-values.c: the values of an export's rows that need no store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-admin-import-values.h"

/* The length of a group separator at @p (a space, U+00A0 or U+202F), 0 when none. */
static gsize
separator_length (const char *p)
{
  if (*p == ' ')
    return 1;
  if (strncmp (p, "\xc2\xa0", 2) == 0)
    return 2;
  if (strncmp (p, "\xe2\x80\xaf", 3) == 0)
    return 3;
  return 0;
}

gboolean
cab_admin_parse_volume (const char  *text,
                        CabVolume   *out_wh,
                        GError     **error)
{
  g_autofree char *stripped = NULL;
  const char *p;
  gboolean negative = FALSE;
  gboolean grouped = FALSE;
  guint group_digits = 0;
  guint n_digits = 0;
  guint n_frac = 0;
  gint64 wh = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  /* Spaces around the value, as around money, are no part of it. */
  stripped = g_strstrip (g_strdup (text));
  p = stripped;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  /* Whole kWh: the first group of one to three digits when grouped, the others of three. */
  for (;;)
    {
      gsize sep;

      if (g_ascii_isdigit (*p))
        {
          /* 12 digits at most: CAB_VOLUME_MAX is 999 999 999 999.999 kWh. */
          if (++n_digits > 12)
            goto invalid;
          wh = wh * 10 + (*p - '0');
          group_digits++;
          p++;
        }
      else if ((sep = separator_length (p)) > 0 && n_digits > 0
               && g_ascii_isdigit (p[sep]))
        {
          if ((grouped && group_digits != 3) || (!grouped && group_digits > 3))
            goto invalid;
          grouped = TRUE;
          group_digits = 0;
          p += sep;
        }
      else
        break;
    }
  if (n_digits == 0 || (grouped && group_digits != 3))
    goto invalid;
  wh *= 1000;

  if (*p == ',' || *p == '.')
    {
      gint64 scale = 100;

      p++;
      while (g_ascii_isdigit (*p))
        {
          if (++n_frac > 3)
            goto invalid;
          wh += (*p - '0') * scale;
          scale /= 10;
          p++;
        }
      if (n_frac == 0)
        goto invalid;
    }
  if (*p != '\0')
    goto invalid;

  if (out_wh != NULL)
    *out_wh = negative ? -wh : wh;
  return TRUE;

invalid:
  {
    g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 40));

    g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                 "“%s” is not a volume in kWh (up to three decimals, like 48213,125)", shown);
    return FALSE;
  }
}

char *
cab_admin_entry_title (CabEntryKind  kind,
                       const GDate  *date)
{
  g_autofree char *shown = cab_date_to_display (date);

  switch (kind)
    {
    case CAB_ENTRY_ADVANCE_BILL_1:
    case CAB_ENTRY_ADVANCE_BILL_2:
      return g_strdup_printf ("Счет на оплату текущего потребления от %s", shown);
    case CAB_ENTRY_INVOICE:
      return g_strdup_printf ("Счет-фактура от %s", shown);
    case CAB_ENTRY_CORRECTION:
      return g_strdup_printf ("Счет-фактура (корректировка) от %s", shown);
    case CAB_ENTRY_PAYMENT:
    default:
      return g_strdup_printf ("Поступление платежа от %s", shown);
    }
}

const char *
cab_admin_document_title (CabDocumentKind kind)
{
  switch (kind)
    {
    case CAB_DOCUMENT_INVOICE:
      return "Счет-фактура";
    case CAB_DOCUMENT_VOLUME_ACT:
      return "Акт объема";
    case CAB_DOCUMENT_CORRECTION_INVOICE:
      return "Счет-фактура (корректировка)";
    case CAB_DOCUMENT_CORRECTION_VOLUME_ACT:
      return "Акт объема (корректировка)";
    case CAB_DOCUMENT_ADVANCE_BILL:
    default:
      return "Счет на оплату текущего потребления";
    }
}
