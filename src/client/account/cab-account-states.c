/* cab-account-states.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cab-account-states.h"

/* The key of the model without a contract. */
#define NO_ACCOUNT ""

struct _CabAccountStates
{
  GObject     parent_instance;

  CabSession *session;     /* weak */
  GHashTable *states;      /* account → CabAccountState */
};

G_DEFINE_FINAL_TYPE (CabAccountStates, cab_account_states, G_TYPE_OBJECT)

static void
cab_account_states_dispose (GObject *object)
{
  CabAccountStates *self = (CabAccountStates *)object;

  /* Sign-out: their requests stop now, even if a page still holds one. */
  if (self->states != NULL)
    {
      GHashTableIter iter;
      gpointer state;

      g_hash_table_iter_init (&iter, self->states);
      while (g_hash_table_iter_next (&iter, NULL, &state))
        g_object_run_dispose (state);
      g_clear_pointer (&self->states, g_hash_table_unref);
    }
  if (self->session != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->session), (gpointer *)&self->session);
      self->session = NULL;
    }

  G_OBJECT_CLASS (cab_account_states_parent_class)->dispose (object);
}

static void
cab_account_states_class_init (CabAccountStatesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cab_account_states_dispose;
}

static void
cab_account_states_init (CabAccountStates *self)
{
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

CabAccountStates *
cab_account_states_new (CabSession *session)
{
  CabAccountStates *self;

  g_return_val_if_fail (CAB_IS_SESSION (session), NULL);

  self = g_object_new (CAB_TYPE_ACCOUNT_STATES, NULL);
  self->session = session;
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *)&self->session);

  return self;
}

CabAccountState *
cab_account_states_peek (CabAccountStates *self,
                         const char       *account)
{
  g_return_val_if_fail (CAB_IS_ACCOUNT_STATES (self), NULL);

  if (self->states == NULL)
    return NULL;
  return g_hash_table_lookup (self->states, account != NULL ? account : NO_ACCOUNT);
}

CabAccountState *
cab_account_states_get (CabAccountStates *self,
                        const char       *account)
{
  CabAccountState *state;

  g_return_val_if_fail (CAB_IS_ACCOUNT_STATES (self), NULL);

  if ((state = cab_account_states_peek (self, account)) != NULL)
    return state;
  if (self->states == NULL || self->session == NULL)
    return NULL;

  state = cab_account_state_new_for_account (self->session, account);
  g_hash_table_insert (self->states, g_strdup (account != NULL ? account : NO_ACCOUNT), state);

  return state;
}
