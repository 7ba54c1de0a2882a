"""The domain model: SQLAlchemy 2 typed mappings of everything a programme file holds.

Every relationship is ``lazy="raise"``: a view that touches an attribute it did not load fails
in tests instead of quietly issuing one query per row (the N+1 trap). Reads that need related
rows say so with ``selectinload``/``joinedload`` or, more often, query plain rows.

Each seed document maps onto these tables without stuffing text into the wrong field:
programmes with their own periods, level names and item kinds; a tree of items; milestones that
keep the words they were written in; achievements and judgements *per period*; symbol schemes;
KPIs with targets per financial year and actuals per period; pledges; scrutiny
recommendations; outcomes; dependencies; contacts; narrative sections and report cover sheets.

The mapping is split by subject (``base``, ``programme``, ``reports``, ``kpis``, ``records``);
this package imports every part, so whatever imports ``app.store.models`` (Alembic, the schema
check, the copy) sees the whole schema on ``Base.metadata``, and the names are found here as
they always were.
"""

from app.store.models.base import (
    NAMING_CONVENTION as NAMING_CONVENTION,
)
from app.store.models.base import (
    Base as Base,
)
from app.store.models.base import (
    Versioned as Versioned,
)
from app.store.models.base import (
    bumped as bumped,
)
from app.store.models.base import (
    enum_check as enum_check,
)
from app.store.models.kpis import (
    Indicator as Indicator,
)
from app.store.models.kpis import (
    KpiGroup as KpiGroup,
)
from app.store.models.kpis import (
    KpiNationalAverage as KpiNationalAverage,
)
from app.store.models.kpis import (
    KpiOutturn as KpiOutturn,
)
from app.store.models.kpis import (
    KpiResult as KpiResult,
)
from app.store.models.kpis import (
    KpiTarget as KpiTarget,
)
from app.store.models.programme import (
    Contact as Contact,
)
from app.store.models.programme import (
    Dependency as Dependency,
)
from app.store.models.programme import (
    Item as Item,
)
from app.store.models.programme import (
    ItemKind as ItemKind,
)
from app.store.models.programme import (
    Judgement as Judgement,
)
from app.store.models.programme import (
    Level as Level,
)
from app.store.models.programme import (
    Milestone as Milestone,
)
from app.store.models.programme import (
    Outcome as Outcome,
)
from app.store.models.programme import (
    Period as Period,
)
from app.store.models.programme import (
    Pledge as Pledge,
)
from app.store.models.programme import (
    Programme as Programme,
)
from app.store.models.programme import (
    ProgressUpdate as ProgressUpdate,
)
from app.store.models.programme import (
    Recommendation as Recommendation,
)
from app.store.models.programme import (
    Responsible as Responsible,
)
from app.store.models.programme import (
    SummaryColumn as SummaryColumn,
)
from app.store.models.programme import (
    Symbol as Symbol,
)
from app.store.models.programme import (
    SymbolScheme as SymbolScheme,
)
from app.store.models.programme import (
    item_pledge as item_pledge,
)
from app.store.models.records import (
    AppMeta as AppMeta,
)
from app.store.models.records import (
    ChangeLogEntry as ChangeLogEntry,
)
from app.store.models.records import (
    ImportMapping as ImportMapping,
)
from app.store.models.records import (
    Pack as Pack,
)
from app.store.models.records import (
    PackItem as PackItem,
)
from app.store.models.records import (
    PeriodSnapshot as PeriodSnapshot,
)
from app.store.models.records import (
    ServerPerson as ServerPerson,
)
from app.store.models.reports import (
    BackgroundPaper as BackgroundPaper,
)
from app.store.models.reports import (
    Report as Report,
)
from app.store.models.reports import (
    ReportField as ReportField,
)
from app.store.models.reports import (
    ReportTracking as ReportTracking,
)
from app.store.models.reports import (
    Section as Section,
)
