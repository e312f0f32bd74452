"""Exercises in the app: the browser, the exercise beside the editor, and the feedback."""

from ui.exercises.browser import ExerciseBrowser, ExerciseTreeModel
from ui.exercises.feedback import CheckResultsModel, FeedbackView
from ui.exercises.panel import ExercisePanel

__all__ = ["CheckResultsModel", "ExerciseBrowser", "ExercisePanel", "ExerciseTreeModel", "FeedbackView"]
