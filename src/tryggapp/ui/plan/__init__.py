"""The action plan view: table model and filter, detail panel, dialogs, undoable operations."""

# What another section may ask the plan to show, through ctx.navigate("plan", VIEW, year)
# (the start page's tiles): the year's plan with no filter, or filtered on its late
# measures (rules.LATE), so the tile's number and the rows shown are the same measures.
PLAN_OF_YEAR = "plan_year"
LATE_OF_YEAR = "plan_year_late"
# The start page's checklist: show the plan and open its Excel import.
PLAN_IMPORT = "plan_import"
