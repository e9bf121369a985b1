"""Template tags vacancy pages use to show the salary model's market estimate, without importing this app."""

from django import template

from salary import market
from vacancies.models import Vacancy

register = template.Library()


@register.simple_tag
def market_estimate(vacancy: Vacancy):
    """The model's range for a vacancy that publishes no salary; None when it has one or no model is ready."""
    return market.estimate_for(vacancy)


@register.simple_tag
def market_comparison(query: dict) -> market.Comparison:
    """The typed range (the vacancy form's fields, as MarketCompareForm.query() reads them) against the estimate."""
    return market.compare_with_market(**query)
