/* cab-statement-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "cab-csv-writer.h"
#include "cab-statement-export.h"
#include "cab-statement-model.h"
#include "pay/cab-qr-texture.h"

static void
csv_money (GString             *out,
           const CabCsvDialect *dialect,
           gboolean             has_value,
           CabMoney             value)
{
  if (has_value)
    {
      g_autofree char *wire = cab_money_to_wire (value);

      cab_csv_write_number (out, dialect, wire);
    }
}

char *
cab_statement_export_csv (CabStatement *statement)
{
  return cab_statement_export_csv_with_style (statement, CAB_MONEY_STYLE_LOCALE);
}

char *
cab_statement_export_csv_with_style (CabStatement  *statement,
                                     CabMoneyStyle  style)
{
  g_autoptr(GListModel) rows = NULL;
  const CabCsvDialect *dialect;
  GString *out;

  g_return_val_if_fail (CAB_IS_STATEMENT (statement), NULL);

  dialect = cab_csv_dialect_for_style (style);
  rows = cab_statement_model_new_with_style (statement, CAB_MONEY_STYLE_ENGLISH);
  out = g_string_new (NULL);

  cab_csv_write_start (out, dialect);
  cab_csv_write_field (out, dialect, _("Operation"));
  g_string_append_c (out, dialect->separator);
  cab_csv_write_field (out, dialect, _("Debit"));
  g_string_append_c (out, dialect->separator);
  cab_csv_write_field (out, dialect, _("Credit"));
  g_string_append (out, "\r\n");

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (rows, i);
      CabMoney debit, credit;
      gboolean has_debit = cab_statement_row_item_get_debit (item, &debit);
      gboolean has_credit = cab_statement_row_item_get_credit (item, &credit);

      cab_csv_write_field (out, dialect, cab_statement_row_item_get_operation (item));
      g_string_append_c (out, dialect->separator);
      csv_money (out, dialect, has_debit, debit);
      g_string_append_c (out, dialect->separator);
      csv_money (out, dialect, has_credit, credit);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/* --- PDF --- */

#define PAGE_WIDTH   595.276  /* A4 in points */
#define PAGE_HEIGHT  841.890
#define MARGIN       56.0
#define ROW_HEIGHT   20.0
#define COL_DEBIT_RIGHT  (PAGE_WIDTH - MARGIN - 110.0)
#define COL_CREDIT_RIGHT (PAGE_WIDTH - MARGIN - 6.0)
#define COL_DEBIT_LEFT   (COL_DEBIT_RIGHT - 104.0)
#define COL_CREDIT_LEFT  (COL_CREDIT_RIGHT - 104.0)
#define FONT         "DejaVu Sans"
/* The payment QR code's side: 53 mm, read by a phone off paper and by zbarimg at 150 dpi. */
#define QR_SIDE      150.0
#define QR_GAP       16.0
#define LINE_HEIGHT  13.0

typedef struct
{
  cairo_t *cr;
  double   y;
} Layout;

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_font (cairo_t  *cr,
          double    size,
          gboolean  bold)
{
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

static void
text_at (cairo_t    *cr,
         double      x,
         double      y,
         const char *text)
{
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

static void
text_right (cairo_t    *cr,
            double      right,
            double      y,
            const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  text_at (cr, right - extents.x_advance, y, text);
}

/* Shortens @text with an ellipsis until it fits in @width. */
static char *
fit_text (cairo_t    *cr,
          const char *text,
          double      width)
{
  g_autofree char *copy = g_strdup (text);
  cairo_text_extents_t extents;
  glong n_chars = g_utf8_strlen (text, -1);

  cairo_text_extents (cr, copy, &extents);
  while (extents.x_advance > width && n_chars > 1)
    {
      g_autofree char *head = g_utf8_substring (text, 0, --n_chars);

      g_free (copy);
      copy = g_strconcat (head, "…", NULL);
      cairo_text_extents (cr, copy, &extents);
    }

  return g_steal_pointer (&copy);
}

static void
table_header (Layout *layout)
{
  cairo_t *cr = layout->cr;

  set_font (cr, 10, TRUE);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, MARGIN, layout->y);
  cairo_line_to (cr, PAGE_WIDTH - MARGIN, layout->y);
  cairo_stroke (cr);
  text_at (cr, MARGIN + 4, layout->y + 14, _("Operation"));
  text_right (cr, COL_DEBIT_RIGHT, layout->y + 14, _("Debit"));
  text_right (cr, COL_CREDIT_RIGHT, layout->y + 14, _("Credit"));
  layout->y += ROW_HEIGHT;
  cairo_move_to (cr, MARGIN, layout->y);
  cairo_line_to (cr, PAGE_WIDTH - MARGIN, layout->y);
  cairo_stroke (cr);
}

static void
header_line (Layout     *layout,
             const char *label,
             const char *value)
{
  g_autofree char *text = g_strdup_printf ("%s %s", label, value);
  g_autofree char *fitted = NULL;

  set_font (layout->cr, 10, FALSE);
  fitted = fit_text (layout->cr, text, PAGE_WIDTH - 2 * MARGIN);
  text_at (layout->cr, MARGIN, layout->y, fitted);
  layout->y += 15;
}

/* @text in lines of at most @width at the current font: broken at spaces, a word wider than a
 * line cut where it must. */
static GPtrArray *
wrap_text (cairo_t    *cr,
           const char *text,
           double      width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *candidate = NULL;
      cairo_text_extents_t extents;
      const char *word = words[i];

      if (*word == '\0')
        continue;
      candidate = line->len > 0 ? g_strconcat (line->str, " ", word, NULL) : g_strdup (word);
      cairo_text_extents (cr, candidate, &extents);
      if (extents.x_advance <= width)
        {
          g_string_assign (line, candidate);
          continue;
        }
      if (line->len > 0)
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
        }
      /* the word alone: cut it character by character while it does not fit */
      while (*word != '\0')
        {
          /* at least one character a line, however narrow */
          const char *fits = g_utf8_next_char (word);

          while (*fits != '\0')
            {
              const char *next = g_utf8_next_char (fits);
              g_autofree char *head = g_strndup (word, next - word);

              cairo_text_extents (cr, head, &extents);
              if (extents.x_advance > width)
                break;
              fits = next;
            }
          if (*fits == '\0')
            {
              g_string_assign (line, word);
              break;
            }
          g_ptr_array_add (lines, g_strndup (word, fits - word));
          word = fits;
        }
    }
  if (line->len > 0)
    g_ptr_array_add (lines, g_strdup (line->str));

  return lines;
}

/* Draws @text wrapped from @x at the baseline *@y, moving *@y under it. */
static void
paragraph (cairo_t    *cr,
           double      x,
           double     *y,
           double      width,
           const char *text)
{
  g_autoptr(GPtrArray) lines = wrap_text (cr, text, width);

  for (guint i = 0; i < lines->len; i++)
    {
      text_at (cr, x, *y, g_ptr_array_index (lines, i));
      *y += LINE_HEIGHT;
    }
}

/* The payment under the table: the code at the left, its caption beside it. */
static gboolean
payment_block (Layout                    *layout,
               const CabStatementPayment *payment,
               CabMoneyStyle              style,
               GError                   **error)
{
  cairo_t *cr = layout->cr;
  double text_x = MARGIN + QR_SIDE + QR_GAP;
  double text_width = PAGE_WIDTH - MARGIN - text_x;
  double top, y;

  if (layout->y + 30 + QR_SIDE > PAGE_HEIGHT - MARGIN)
    {
      cairo_show_page (cr);
      layout->y = MARGIN;
    }

  layout->y += 28;
  set_font (cr, 12, TRUE);
  text_at (cr, MARGIN, layout->y, _("Payment by QR code"));
  layout->y += 10;
  top = layout->y;

  if (payment->payload == NULL)
    {
      y = top + 12;
      set_font (cr, 10, FALSE);
      paragraph (cr, MARGIN, &y, PAGE_WIDTH - 2 * MARGIN,
                 payment->note != NULL ? payment->note : _("No QR code: there is no payment to make."));
      layout->y = y;
      return TRUE;
    }

  if (!cab_qr_draw (cr, payment->payload, MARGIN, top, QR_SIDE, error))
    return FALSE;

  y = top + 12;
  set_font (cr, 10, TRUE);
  {
    g_autofree char *day = payment->on != NULL ? cab_date_to_display (payment->on) : NULL;
    g_autofree char *sum = cab_money_format (payment->amount, style);
    g_autofree char *text = NULL;

    if (day != NULL)
      /* Translators: a date (DD.MM.YYYY) and an amount of roubles */
      text = g_strdup_printf (_("Recommended payment on %s: %s"), day, sum);
    else
      /* Translators: an amount of roubles */
      text = g_strdup_printf (_("Recommended payment: %s"), sum);
    paragraph (cr, text_x, &y, text_width, text);
  }
  set_font (cr, 9, FALSE);
  y += 3;
  if (payment->payee != NULL)
    {
      /* Translators: the supplier's name */
      g_autofree char *text = g_strdup_printf (_("Payee: %s"), payment->payee);

      paragraph (cr, text_x, &y, text_width, text);
    }
  if (payment->purpose != NULL)
    {
      /* Translators: the payment purpose as written in the payment order */
      g_autofree char *text = g_strdup_printf (_("Purpose: %s"), payment->purpose);

      paragraph (cr, text_x, &y, text_width, text);
    }
  y += 3;
  paragraph (cr, text_x, &y, text_width, _("Scan the code with a banking app to pay."));
  layout->y = MAX (y, top + QR_SIDE);

  return TRUE;
}

GBytes *
cab_statement_export_pdf (CabStatement   *statement,
                          const CabMe    *me,
                          CabMoneyStyle   style,
                          GError        **error)
{
  return cab_statement_export_pdf_with_payment (statement, me, NULL, style, error);
}

GBytes *
cab_statement_export_pdf_with_payment (CabStatement              *statement,
                                       const CabMe               *me,
                                       const CabStatementPayment *payment,
                                       CabMoneyStyle              style,
                                       GError                   **error)
{
  g_autoptr(GError) qr_error = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GListModel) rows = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  const char *account;
  const CabContract *contract = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *period = NULL;
  Layout layout = { NULL, MARGIN };

  g_return_val_if_fail (CAB_IS_STATEMENT (statement), NULL);

  account = cab_statement_get_account (statement);
  if (me != NULL && account != NULL)
    contract = cab_me_find_contract (me, account);
  rows = cab_statement_model_new_with_style (statement, style);

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes,
                                                 PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Reconciliation act"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "TEK Cabinet");
  layout.cr = cairo_create (surface);
  cairo_set_source_rgb (layout.cr, 0, 0, 0);

  /* Title and who it is about. */
  set_font (layout.cr, 16, TRUE);
  layout.y += 10;
  text_at (layout.cr, MARGIN, layout.y, _("Reconciliation act"));
  layout.y += 26;

  if (account != NULL)
    header_line (&layout, _("Account:"), account);
  if (contract != NULL)
    {
      g_autofree char *date = cab_date_to_display (&contract->contract_date);
      /* Translators: "12-3456 of 01.12.2015": a contract number and its date */
      g_autofree char *text = g_strdup_printf (_("%s of %s"), contract->contract_number, date);

      header_line (&layout, _("Contract:"), text);
      if (contract->branch_name != NULL)
        header_line (&layout, _("Branch:"), contract->branch_name);
    }
  if (me != NULL)
    {
      /* Translators: a company name and its business-partner code */
      g_autofree char *text = g_strdup_printf (_("%s (DP code %s)"), me->partner.name,
                                               me->partner.dp_code);

      header_line (&layout, _("Partner:"), text);
    }
  if (contract != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s / %s", contract->inn, contract->kpp);

      header_line (&layout, _("INN / KPP:"), text);
    }

  from = cab_date_to_display (cab_statement_get_from (statement));
  to = cab_date_to_display (cab_statement_get_to (statement));
  /* Translators: the period of the act, "01.05.2016 – 01.08.2016" */
  period = g_strdup_printf (_("%s – %s"), from, to);
  header_line (&layout, _("Period:"), period);
  layout.y += 10;

  table_header (&layout);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CabStatementRowItem) item = g_list_model_get_item (rows, i);
      CabStatementRowType type = cab_statement_row_item_get_row_type (item);
      gboolean bold = type != CAB_STATEMENT_ROW_TYPE_OPERATION;
      g_autofree char *operation = NULL;

      if (layout.y + ROW_HEIGHT > PAGE_HEIGHT - MARGIN)
        {
          cairo_show_page (layout.cr);
          layout.y = MARGIN;
          table_header (&layout);
        }

      set_font (layout.cr, 10, bold);
      operation = fit_text (layout.cr, cab_statement_row_item_get_operation (item),
                            COL_DEBIT_LEFT - MARGIN - 8);
      text_at (layout.cr, MARGIN + 4, layout.y + 14, operation);
      text_right (layout.cr, COL_DEBIT_RIGHT, layout.y + 14,
                  cab_statement_row_item_get_debit_text (item));
      text_right (layout.cr, COL_CREDIT_RIGHT, layout.y + 14,
                  cab_statement_row_item_get_credit_text (item));
      layout.y += ROW_HEIGHT;

      cairo_set_line_width (layout.cr, type == CAB_STATEMENT_ROW_TYPE_OPERATION &&
                                       i + 2 < g_list_model_get_n_items (rows) ? 0.3 : 0.8);
      cairo_move_to (layout.cr, MARGIN, layout.y);
      cairo_line_to (layout.cr, PAGE_WIDTH - MARGIN, layout.y);
      cairo_stroke (layout.cr);
    }

  if (payment != NULL && !payment_block (&layout, payment, style, &qr_error))
    {
      cairo_destroy (layout.cr);
      cairo_surface_destroy (surface);
      g_propagate_error (error, g_steal_pointer (&qr_error));
      return NULL;
    }

  cairo_show_page (layout.cr);
  status = cairo_status (layout.cr);
  cairo_destroy (layout.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_FAILED,
                   _("Cannot lay out the reconciliation act: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
