"""Qt item models over the course: outline, choices, problems."""
