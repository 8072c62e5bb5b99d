"""The Organisation editor: groups with their members, people and organisations."""
