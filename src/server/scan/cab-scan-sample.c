/* cab-scan-sample.c: writes a sample scanned invoice, to look at the renderer's output.
 *
 * Usage: cab-scan-sample [--colour] OUTPUT.pdf [PAGES [SEED]]
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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GDate) date = g_date_new_dmy (31, G_DATE_MAY, 2023);
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

  if (argc > 1 && g_str_equal (argv[1], "--colour"))
    {
      spec.colour = TRUE;
      argv[1] = argv[0];
      argc--;
      argv++;
    }

  if (argc < 2 || argc > 4)
    {
      g_printerr ("Usage: %s [--colour] OUTPUT.pdf [PAGES [SEED]]\n", argv[0]);
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
