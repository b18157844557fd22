/* cab-scan-sample.c: writes a sample scanned invoice, to look at the renderer's output.
 *
 * Usage: cab-scan-sample [--colour] OUTPUT.pdf [PAGES [SEED]]
 *        cab-scan-sample [--colour] --bench N [PAGES]   (time and size per page)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "cab-scan-renderer.h"

static const CabScanLine sample_lines[] = {
  { "Электроэнергия, май 2023 (СН-2), 52 840 кВт·ч", "402 370,72 руб." },
  { "НДС 20 %", "80 474,14 руб." },
  { "Корректировка за апрель 2023", "-1 245,00 руб." },
  { "Пени по ст. 37 Федерального закона № 35-ФЗ", "1 245,00 руб." },
};

/* Renders @n documents with seeds 1..n and prints the time and size per page. */
static int
bench (CabScanSpec *spec,
       int          n)
{
  gsize total = 0;
  gsize largest = 0;
  gint64 start = g_get_monotonic_time ();
  double ms;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pdf = NULL;

      spec->seed = (guint32) i + 1;
      pdf = cab_scan_render_pdf (spec, &error);
      if (pdf == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      total += g_bytes_get_size (pdf);
      largest = MAX (largest, g_bytes_get_size (pdf));
    }

  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_print ("%d documents of %u page(s)%s: %.1f ms per page, %.0f KB per page on average, "
           "largest document %.0f KB\n",
           n, MAX (spec->n_pages, 1), spec->colour ? " in colour" : "",
           ms / n / MAX (spec->n_pages, 1), total / 1024.0 / n / MAX (spec->n_pages, 1),
           largest / 1024.0);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GDate) date = g_date_new_dmy (31, G_DATE_MAY, 2023);
  g_autoptr(GOptionContext) context = NULL;
  gboolean colour = FALSE;
  int bench_n = 0;
  const GOptionEntry entries[] = {
    { "colour", 'c', 0, G_OPTION_ARG_NONE, &colour, "Blue stamp and signatures", NULL },
    { "bench", 'b', 0, G_OPTION_ARG_INT, &bench_n, "Render N documents and print timings",
      "N" },
    { NULL }
  };
  CabScanSpec spec = {
    .title = "Счет-фактура",
    .number = "СФ-0531/12",
    .date = date,
    .supplier = "ООО «ТЭК-Энерго», филиал «Брянскэнергосбыт»",
    .partner_name = "ООО «Ромашка»",
    .partner_address = "241050, Брянская обл., г. Брянск, ул. Калинина, д. 98, офис 12",
    .inn = "7700001234",
    .kpp = "325701001",
    .account = "1234567890",
    .contract = "Договор № 12-3456 от 01.12.2015",
    .lines = sample_lines,
    .n_lines = G_N_ELEMENTS (sample_lines),
    .total = "Итого к оплате: 482 844,86 руб.",
    .seed = 12345,
    .n_pages = 1,
  };

  context = g_option_context_new ("OUTPUT.pdf [PAGES [SEED]]");
  g_option_context_set_summary (context, "Writes a sample scanned-looking invoice.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  spec.colour = colour;

  if (bench_n > 0)
    {
      if (argc > 2)
        {
          g_printerr ("--bench takes at most PAGES\n");
          return 2;
        }
      if (argc == 2)
        spec.n_pages = (guint) strtoul (argv[1], NULL, 10);
      return bench (&spec, bench_n);
    }

  if (argc < 2 || argc > 4)
    {
      g_printerr ("Usage: %s [--colour] OUTPUT.pdf [PAGES [SEED]]\n", g_get_prgname ());
      return 2;
    }
  if (argc > 2)
    spec.n_pages = (guint) strtoul (argv[2], NULL, 10);
  if (argc > 3)
    spec.seed = (guint32) strtoul (argv[3], NULL, 10);

  pdf = cab_scan_render_pdf (&spec, &error);
  if (pdf == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!g_file_set_contents (argv[1], g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                            &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
