"""The programme's tree: item model, filter, view and judgement delegate."""
