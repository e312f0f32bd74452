"""LC Classification (050/090) and Dewey (082/092): filled in once the classification tools land."""
