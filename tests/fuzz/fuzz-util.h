/* fuzz-util.h: what the libFuzzer targets of tests/fuzz share.
 *
 * Each target defines LLVMFuzzerTestOneInput(). A target checks an invariant with
 * FUZZ_ASSERT (an abort, which libFuzzer reports as a crash with the input saved); memory
 * errors and undefined behaviour are caught by ASan/UBSan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cab-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define FUZZ_ASSERT(condition)                                                        \
  G_STMT_START {                                                                      \
    if (!(condition))                                                                 \
      {                                                                               \
        fprintf (stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
        abort ();                                                                     \
      }                                                                               \
  } G_STMT_END

/* The input as a NUL-terminated string (inputs with a NUL byte are cut there, as C callers
 * would see them). */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* A decoder fuzz target: parses the input as the API's JSON, decodes it, and when it is
 * accepted, encodes it again: the decoder must accept its own encoder's output, and the
 * second encoding must equal the first. */
#define FUZZ_DECODER(Type, from_json, to_json, free_func)                             \
  int                                                                                 \
  LLVMFuzzerTestOneInput (const uint8_t *data,                                        \
                          size_t         size)                                        \
  {                                                                                   \
    g_autoptr(JsonNode) node = cab_json_parse_object ((const char *) data, size, NULL); \
    Type *value;                                                                      \
                                                                                      \
    if (node == NULL)                                                                 \
      return 0;                                                                       \
    value = from_json (node, NULL);                                                   \
    if (value != NULL)                                                                \
      {                                                                               \
        g_autoptr(JsonNode) encoded = to_json (value);                                \
        g_autofree char *text = cab_json_to_string (encoded);                         \
        g_autoptr(JsonNode) reparsed = cab_json_parse_object (text, strlen (text), NULL); \
        Type *again;                                                                  \
                                                                                      \
        FUZZ_ASSERT (reparsed != NULL);                                               \
        again = from_json (reparsed, NULL);                                           \
        FUZZ_ASSERT (again != NULL);                                                  \
        {                                                                             \
          g_autoptr(JsonNode) encoded_again = to_json (again);                        \
          g_autofree char *text_again = cab_json_to_string (encoded_again);           \
                                                                                      \
          FUZZ_ASSERT (g_str_equal (text, text_again));                               \
        }                                                                             \
        free_func (again);                                                            \
        free_func (value);                                                            \
      }                                                                               \
    return 0;                                                                         \
  }
