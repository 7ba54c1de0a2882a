"""Update packs: a service lead's part of a programme, taken away, filled in and merged back.

``make`` writes the packs (``app.store.pack_scope`` says what a pack lets its holder change),
``state`` takes the fingerprints, ``review`` checks a returned pack and lists its changes,
``merge`` applies the accepted ones as one undoable operation.
"""
