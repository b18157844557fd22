/* cab-scan-renderer.h: documents rendered to look like scans (A4, 150 dpi raster, grey noise).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char  *label;   /* "Стоимость электроэнергии" */
  const char  *value;   /* "482 844,86 руб." (already formatted by the caller) */
} CabScanLine;

typedef struct
{
  const char        *title;            /* "Счет-фактура" */
  const char        *number;           /* "СФ-0531/12" */
  const GDate       *date;
  const char        *supplier;         /* "ООО «ТЭК-Энерго», филиал «Брянскэнергосбыт»" */
  const char        *partner_name;
  const char        *partner_address;
  const char        *inn;
  const char        *kpp;
  const char        *account;
  const char        *contract;         /* "Договор № 12-3456 от 01.12.2015" */
  const CabScanLine *lines;
  gsize              n_lines;
  const char        *total;            /* "Итого к оплате: 482 844,86 руб." */
  guint32            seed;             /* noise and skew; same seed, same bytes */
  guint              n_pages;          /* 0 or 1: one page */
  gboolean           colour;           /* FALSE: a greyscale scan (smaller, faster); TRUE: the
                                        * stamp and signatures in blue ink, an RGB image */
} CabScanSpec;

/* The most pages cab_scan_render_pdf() renders; more is a CAB_ERROR_INVALID_VALUE. */
#define CAB_SCAN_MAX_PAGES 1000

/* A PDF whose pages are single raster images, deterministic for a given spec. Thread-safe:
 * the server calls it from worker threads.
 *
 * Strings may be NULL (shown empty) but must be UTF-8 (else CAB_ERROR_INVALID_VALUE); the date
 * must be valid (else CAB_ERROR_INVALID_DATE). With several pages the lines are spread evenly
 * over them, the total, signatures and stamp are on the last one, and each page has a
 * "Лист N из M" footer. Rows tighten to fit: a one-page document holds 16 lines, a first page
 * 28, a middle page 41, a last page 29; lines beyond that are left out. A cairo failure is
 * CAB_ERROR_INTERNAL. */
GBytes      *cab_scan_render_pdf         (const CabScanSpec  *spec,
                                          GError            **error);

G_END_DECLS
