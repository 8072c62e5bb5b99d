"""The Lägesbild section's pages: situation pictures with sources and findings, and EST."""
