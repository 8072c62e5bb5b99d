"""Medborgarlöften and samverkansöverenskommelser: the agreements with the police, their undertakings and follow-up."""
