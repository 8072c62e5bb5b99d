"""The Trygghetsvandringar section's parts: undoable operations, the walk page with its
three steps, the observation form with photos, and the safety-visit page."""
