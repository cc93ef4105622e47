from plans.views.reading import home, plan_detail

__all__ = ["home", "plan_detail"]
