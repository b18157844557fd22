/* cab-saved-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cab-saved-document.h"

struct _CabSavedDocument
{
  GObject          parent_instance;

  char            *id;
  char            *account;
  CabDocumentKind  kind;
  char            *title;
  char            *number;
  gboolean         has_date;
  GDate            date;
  char            *date_text;
  gint64           size;
  char            *sha256;
  GDateTime       *saved_at;
};

G_DEFINE_FINAL_TYPE (CabSavedDocument, cab_saved_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT,
  PROP_TITLE,
  PROP_NUMBER,
  PROP_DATE_TEXT,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cab_saved_document_finalize (GObject *object)
{
  CabSavedDocument *self = (CabSavedDocument *)object;

  g_free (self->id);
  g_free (self->account);
  g_free (self->title);
  g_free (self->number);
  g_free (self->date_text);
  g_free (self->sha256);
  g_clear_pointer (&self->saved_at, g_date_time_unref);

  G_OBJECT_CLASS (cab_saved_document_parent_class)->finalize (object);
}

static void
cab_saved_document_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CabSavedDocument *self = CAB_SAVED_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_DATE_TEXT:
      g_value_set_string (value, self->date_text);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cab_saved_document_class_init (CabSavedDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cab_saved_document_finalize;
  object_class->get_property = cab_saved_document_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE_TEXT] =
    g_param_spec_string ("date-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cab_saved_document_init (CabSavedDocument *self)
{
}

CabSavedDocument *
cab_saved_document_new (const char      *id,
                        const char      *account,
                        CabDocumentKind  kind,
                        const char      *title,
                        const char      *number,
                        const GDate     *date,
                        gint64           size,
                        const char      *sha256,
                        GDateTime       *saved_at)
{
  CabSavedDocument *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  self = g_object_new (CAB_TYPE_SAVED_DOCUMENT, NULL);
  self->id = g_strdup (id);
  self->account = g_strdup (account);
  self->kind = kind;
  self->title = g_strdup (title != NULL ? title : "");
  self->number = g_strdup (number);
  g_date_clear (&self->date, 1);
  if (date != NULL && g_date_valid (date))
    {
      self->has_date = TRUE;
      self->date = *date;
      self->date_text = cab_date_to_display (date);
    }
  else
    self->date_text = g_strdup ("");
  self->size = size;
  self->sha256 = g_ascii_strdown (sha256, -1);
  self->saved_at = saved_at != NULL ? g_date_time_ref (saved_at) : g_date_time_new_now_utc ();

  return self;
}

const char *
cab_saved_document_get_id (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return self->id;
}

const char *
cab_saved_document_get_account (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return self->account;
}

CabDocumentKind
cab_saved_document_get_kind (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), CAB_DOCUMENT_INVOICE);
  return self->kind;
}

const char *
cab_saved_document_get_title (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return self->title;
}

const char *
cab_saved_document_get_number (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return self->number;
}

const GDate *
cab_saved_document_get_date (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return self->has_date ? &self->date : NULL;
}

const char *
cab_saved_document_get_date_text (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return self->date_text;
}

gint64
cab_saved_document_get_size (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), 0);
  return self->size;
}

const char *
cab_saved_document_get_sha256 (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return self->sha256;
}

GDateTime *
cab_saved_document_get_saved_at (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return self->saved_at;
}

CabDocumentRef *
cab_saved_document_to_ref (CabSavedDocument *self)
{
  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);
  return cab_document_ref_new (self->id, self->kind, self->title, self->size, self->sha256);
}

gboolean
cab_saved_document_matches (CabSavedDocument *self,
                            const char       *query)
{
  g_autofree char *haystack = NULL;

  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), FALSE);

  if (query == NULL || *query == '\0')
    return TRUE;

  haystack = g_strjoin ("\n", self->title, self->number != NULL ? self->number : "",
                        self->date_text, self->account, NULL);
  /* "A-07" typed in Latin letters finds «А-0701» written in Cyrillic. */
  return cab_search_matches (haystack, query);
}

JsonNode *
cab_saved_document_to_json (CabSavedDocument *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *saved_at = NULL;

  g_return_val_if_fail (CAB_IS_SAVED_DOCUMENT (self), NULL);

  saved_at = g_date_time_format_iso8601 (self->saved_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, self->account);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, cab_document_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  cab_json_builder_add_nullable_string (builder, "number", self->number);
  if (self->has_date)
    cab_json_builder_add_date (builder, "date", &self->date);
  else
    cab_json_builder_add_nullable_string (builder, "date", NULL);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, self->size);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, self->sha256);
  json_builder_set_member_name (builder, "saved_at");
  json_builder_add_string_value (builder, saved_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
is_sha256_hex (const char *text)
{
  gsize i;

  for (i = 0; text[i] != '\0'; i++)
    {
      if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
    }

  return i == 64;
}

CabSavedDocument *
cab_saved_document_from_json (JsonNode  *node,
                              GError   **error)
{
  JsonObject *object;
  const char *id, *account, *kind_text, *title, *number, *date_text, *sha256, *saved_at_text;
  CabDocumentKind kind;
  gint64 size;
  GDate date;
  g_autoptr(GDateTime) saved_at = NULL;

  if (!(object = cab_json_object (node, "saved document", error)) ||
      !(id = cab_json_get_string (object, "id", error)) ||
      !(account = cab_json_get_string (object, "account", error)) ||
      !(kind_text = cab_json_get_string (object, "kind", error)) ||
      !cab_document_kind_from_string (kind_text, &kind, error) ||
      !(title = cab_json_get_string (object, "title", error)) ||
      !cab_json_get_nullable_string (object, "number", &number, error) ||
      !cab_json_get_nullable_string (object, "date", &date_text, error) ||
      !cab_json_get_int (object, "size", &size, error) ||
      !(sha256 = cab_json_get_string (object, "sha256", error)) ||
      !(saved_at_text = cab_json_get_string (object, "saved_at", error)))
    return NULL;

  g_date_clear (&date, 1);
  if (date_text != NULL && !cab_date_parse_iso (date_text, &date, error))
    return NULL;

  if (size < 0)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “size” must not be negative");
      return NULL;
    }

  if (!is_sha256_hex (sha256))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “sha256” is not 64 lowercase hex digits");
      return NULL;
    }

  if (!(saved_at = g_date_time_new_from_iso8601 (saved_at_text, NULL)))
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “saved_at” is not an ISO 8601 timestamp");
      return NULL;
    }

  return cab_saved_document_new (id, account, kind, title, number,
                                 date_text != NULL ? &date : NULL, size, sha256, saved_at);
}
