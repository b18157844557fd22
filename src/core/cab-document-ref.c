/* cab-document-ref.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-document-ref.h"
#include "cab-error.h"
#include "cab-json.h"

G_DEFINE_BOXED_TYPE (CabDocumentRef, cab_document_ref,
                     cab_document_ref_copy, cab_document_ref_free)

static const char * const document_kind_names[] = {
  [CAB_DOCUMENT_INVOICE] = "invoice",
  [CAB_DOCUMENT_VOLUME_ACT] = "volume_act",
  [CAB_DOCUMENT_CORRECTION_INVOICE] = "correction_invoice",
  [CAB_DOCUMENT_CORRECTION_VOLUME_ACT] = "correction_volume_act",
  [CAB_DOCUMENT_ADVANCE_BILL] = "advance_bill",
};

const char *
cab_document_kind_to_string (CabDocumentKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (document_kind_names), NULL);

  return document_kind_names[kind];
}

gboolean
cab_document_kind_from_string (const char       *text,
                               CabDocumentKind  *out_kind,
                               GError          **error)
{
  g_autofree char *shown = NULL;

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (document_kind_names); i++)
    {
      if (g_str_equal (text, document_kind_names[i]))
        {
          if (out_kind != NULL)
            *out_kind = (CabDocumentKind) i;
          return TRUE;
        }
    }

  shown = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_set_error (error, CAB_ERROR, CAB_ERROR_UNKNOWN_ENUM,
               "“%s” is not a kind of document", shown);
  return FALSE;
}

CabDocumentRef *
cab_document_ref_new (const char      *id,
                      CabDocumentKind  kind,
                      const char      *title,
                      gint64           size,
                      const char      *sha256)
{
  CabDocumentRef *self = g_new0 (CabDocumentRef, 1);

  self->id = g_strdup (id);
  self->kind = kind;
  self->title = g_strdup (title);
  self->size = size;
  self->sha256 = g_strdup (sha256);

  return self;
}

CabDocumentRef *
cab_document_ref_copy (const CabDocumentRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return cab_document_ref_new (self->id, self->kind, self->title, self->size, self->sha256);
}

void
cab_document_ref_free (CabDocumentRef *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->title);
  g_free (self->sha256);
  g_free (self);
}

JsonNode *
cab_document_ref_to_json (const CabDocumentRef *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id != NULL ? self->id : "");
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, cab_document_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title != NULL ? self->title : "");
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, self->size);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, self->sha256 != NULL ? self->sha256 : "");
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

CabDocumentRef *
cab_document_ref_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object;
  const char *id;
  const char *kind_text;
  const char *title;
  const char *sha256;
  CabDocumentKind kind;
  gint64 size;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = cab_json_object (node, "document", error)) ||
      !(id = cab_json_get_string (object, "id", error)) ||
      !(kind_text = cab_json_get_string (object, "kind", error)))
    return NULL;

  if (!cab_document_kind_from_string (kind_text, &kind, error))
    {
      g_prefix_error (error, "Field “kind”: ");
      return NULL;
    }

  if (!(title = cab_json_get_string (object, "title", error)) ||
      !cab_json_get_int (object, "size", &size, error) ||
      !(sha256 = cab_json_get_string (object, "sha256", error)))
    return NULL;

  if (size < 0)
    {
      g_set_error (error, CAB_ERROR, CAB_ERROR_INVALID_VALUE,
                   "Field “size” is negative (%" G_GINT64_FORMAT ")", size);
      return NULL;
    }

  return cab_document_ref_new (id, kind, title, size, sha256);
}

GPtrArray *
cab_document_refs_from_json (JsonArray  *array,
                             GError    **error)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) cab_document_ref_free);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CabDocumentRef *ref = cab_document_ref_from_json (json_array_get_element (array, i), error);

      if (ref == NULL)
        {
          g_prefix_error (error, "“documents” item %u: ", i);
          return NULL;
        }

      g_ptr_array_add (refs, ref);
    }

  return g_steal_pointer (&refs);
}

JsonNode *
cab_document_refs_to_json (GPtrArray *refs)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; refs != NULL && i < refs->len; i++)
    json_array_add_element (array, cab_document_ref_to_json (g_ptr_array_index (refs, i)));

  json_node_take_array (node, array);
  return node;
}
