"""first schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 12:33:20.822359
"""
from alembic import op
import sqlalchemy as sa



revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reviewed by hand: CHECK constraints and enum CHECKs present, types plain SQLAlchemy.
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('os_user', sa.String(), nullable=False),
    sa.Column('table_name', sa.String(), nullable=False),
    sa.Column('record_id', sa.String(), nullable=False),
    sa.Column('action', sa.Enum('create', 'update', 'delete', name='audit_action', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('old_values', sa.String(), nullable=False),
    sa.Column('new_values', sa.String(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_table_name'), ['table_name'], unique=False)

    op.create_table('citizen_promise',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('police_area', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('follow_up', sa.String(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'active', 'fulfilled', 'not_fulfilled', name='promise_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_citizen_promise_title_not_blank')),
    sa.CheckConstraint('period_to IS NULL OR period_from IS NULL OR period_to >= period_from', name=op.f('ck_citizen_promise_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citizen_promise'))
    )
    op.create_table('cooperation_agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('police_area', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('follow_up', sa.String(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'active', 'fulfilled', 'not_fulfilled', name='agreement_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_cooperation_agreement_title_not_blank')),
    sa.CheckConstraint('period_to IS NULL OR period_from IS NULL OR period_to >= period_from', name=op.f('ck_cooperation_agreement_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cooperation_agreement'))
    )
    op.create_table('follow_up_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('period_label', sa.String(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('author', sa.String(), nullable=False),
    sa.Column('sections', sa.String(), nullable=False),
    sa.Column('file_path', sa.String(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_report'))
    )
    op.create_table('municipality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('coordinator_name', sa.String(), nullable=False),
    sa.Column('coordinator_title', sa.String(), nullable=False),
    sa.Column('coordinator_email', sa.String(), nullable=False),
    sa.Column('report_footer', sa.String(), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_mime', sa.String(), nullable=True),
    sa.Column('backup_dir', sa.String(), nullable=True),
    sa.CheckConstraint('id = 1', name=op.f('ck_municipality_single_row')),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_municipality_name_not_blank')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality'))
    )
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('short_name', sa.String(), nullable=False),
    sa.Column('kind', sa.Enum('municipal', 'police', 'rescue', 'housing', 'property_owner', 'association', 'region', 'business', 'other', name='organisation_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_organisation_name_not_blank')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('name', name=op.f('uq_organisation_name'))
    )
    op.create_table('programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('reference_number', sa.String(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('adopted_by', sa.String(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('document_owner', sa.String(), nullable=False),
    sa.Column('follow_up', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_programme_title_not_blank')),
    sa.CheckConstraint('valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from', name=op.f('ck_programme_valid_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme'))
    )
    op.create_table('situation_picture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('sources', sa.String(), nullable=False),
    sa.Column('analysis', sa.String(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_situation_picture_title_not_blank')),
    sa.CheckConstraint('period_to IS NULL OR period_from IS NULL OR period_to >= period_from', name=op.f('ck_situation_picture_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_situation_picture'))
    )
    op.create_table('work_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('short_name', sa.String(), nullable=False),
    sa.Column('level', sa.Enum('steering', 'coordination', 'working', 'council', 'analysis', 'local_bra', name='group_level', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('mandate', sa.String(), nullable=False),
    sa.Column('meetings_per_year', sa.Integer(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('planned_end', sa.Date(), nullable=True),
    sa.Column('dissolved_on', sa.Date(), nullable=True),
    sa.Column('final_report', sa.String(), nullable=False),
    sa.Column('parent_group_id', sa.Integer(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint('dissolved_on IS NULL OR started_on IS NULL OR dissolved_on >= started_on', name=op.f('ck_work_group_dissolved_after_start')),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_work_group_name_not_blank')),
    sa.CheckConstraint('meetings_per_year >= 0 AND meetings_per_year <= 52', name=op.f('ck_work_group_meetings_per_year_range')),
    sa.CheckConstraint('planned_end IS NULL OR started_on IS NULL OR planned_end >= started_on', name=op.f('ck_work_group_planned_end_after_start')),
    sa.ForeignKeyConstraint(['parent_group_id'], ['work_group.id'], name=op.f('fk_work_group_parent_group_id_work_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_group'))
    )
    with op.batch_alter_table('work_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_group_parent_group_id'), ['parent_group_id'], unique=False)

    op.create_table('action_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decided_by', sa.String(), nullable=False),
    sa.Column('previous_plan_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('year BETWEEN 1900 AND 2200', name=op.f('ck_action_plan_year_valid')),
    sa.ForeignKeyConstraint(['previous_plan_id'], ['action_plan.id'], name=op.f('fk_action_plan_previous_plan_id_action_plan')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_action_plan_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_plan')),
    sa.UniqueConstraint('year', name=op.f('uq_action_plan_year'))
    )
    with op.batch_alter_table('action_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_plan_previous_plan_id'), ['previous_plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_plan_programme_id'), ['programme_id'], unique=False)

    op.create_table('direction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_direction_title_not_blank')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_direction_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_direction'))
    )
    with op.batch_alter_table('direction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_direction_programme_id'), ['programme_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('agenda', sa.String(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.CheckConstraint('end_time IS NULL OR start_time IS NULL OR end_time >= start_time', name=op.f('ck_meeting_end_after_start')),
    sa.ForeignKeyConstraint(['group_id'], ['work_group.id'], name=op.f('fk_meeting_group_id_work_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_group_id'), ['group_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(), nullable=False),
    sa.Column('phone', sa.String(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_person_name_not_blank')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_person_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('programme_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.String(), nullable=False),
    sa.Column('author', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('revised_on', sa.Date(), nullable=False),
    sa.CheckConstraint('length(trim(revision)) > 0', name=op.f('ck_programme_revision_revision_not_blank')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_revision_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_revision'))
    )
    with op.batch_alter_table('programme_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_revision_programme_id'), ['programme_id'], unique=False)

    op.create_table('safety_walk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('area', sa.String(), nullable=False),
    sa.Column('route', sa.String(), nullable=False),
    sa.Column('weather', sa.String(), nullable=False),
    sa.Column('light', sa.Enum('daylight', 'dusk', 'dark', name='light_condition', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('organiser_group_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_date', sa.Date(), nullable=True),
    sa.Column('feedback', sa.String(), nullable=False),
    sa.CheckConstraint('length(trim(area)) > 0', name=op.f('ck_safety_walk_area_not_blank')),
    sa.ForeignKeyConstraint(['organiser_group_id'], ['work_group.id'], name=op.f('fk_safety_walk_organiser_group_id_work_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_walk'))
    )
    with op.batch_alter_table('safety_walk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_walk_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_safety_walk_organiser_group_id'), ['organiser_group_id'], unique=False)

    op.create_table('focus_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('owner_person_id', sa.Integer(), nullable=True),
    sa.Column('owner_organisation_id', sa.Integer(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_focus_area_title_not_blank')),
    sa.CheckConstraint('number >= 1', name=op.f('ck_focus_area_number_positive')),
    sa.ForeignKeyConstraint(['direction_id'], ['direction.id'], name=op.f('fk_focus_area_direction_id_direction')),
    sa.ForeignKeyConstraint(['owner_organisation_id'], ['organisation.id'], name=op.f('fk_focus_area_owner_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['owner_person_id'], ['person.id'], name=op.f('fk_focus_area_owner_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_area'))
    )
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_focus_area_direction_id'), ['direction_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_focus_area_owner_organisation_id'), ['owner_organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_focus_area_owner_person_id'), ['owner_person_id'], unique=False)

    op.create_table('meeting_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('attendance', sa.Enum('present', 'absent', 'co_opted', 'other_present', name='attendance', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_attendance_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_meeting_attendance_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendance')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_meeting_attendance_meeting_id_person_id'))
    )
    with op.batch_alter_table('meeting_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendance_person_id'), ['person_id'], unique=False)

    op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('convener', 'chair', 'secretary', 'member', 'co_opted', name='member_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=True),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.CheckConstraint('to_date IS NULL OR from_date IS NULL OR to_date >= from_date', name=op.f('ck_membership_to_after_from')),
    sa.ForeignKeyConstraint(['group_id'], ['work_group.id'], name=op.f('fk_membership_group_id_work_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_membership_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_person_id'), ['person_id'], unique=False)

    op.create_table('minutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('secretary_id', sa.Integer(), nullable=True),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('adjuster_id', sa.Integer(), nullable=True),
    sa.Column('adjusted_on', sa.Date(), nullable=True),
    sa.Column('adjustment_place', sa.String(), nullable=False),
    sa.Column('posted_from', sa.Date(), nullable=True),
    sa.Column('posted_to', sa.Date(), nullable=True),
    sa.Column('kept_at', sa.String(), nullable=False),
    sa.CheckConstraint('posted_to IS NULL OR posted_from IS NULL OR posted_to >= posted_from', name=op.f('ck_minutes_posted_period')),
    sa.ForeignKeyConstraint(['adjuster_id'], ['person.id'], name=op.f('fk_minutes_adjuster_id_person')),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], name=op.f('fk_minutes_chair_id_person')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_minutes_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['secretary_id'], ['person.id'], name=op.f('fk_minutes_secretary_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_minutes_meeting_id'))
    )
    with op.batch_alter_table('minutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_adjuster_id'), ['adjuster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_minutes_chair_id'), ['chair_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_minutes_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_minutes_secretary_id'), ['secretary_id'], unique=False)

    op.create_table('observation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('walk_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('category', sa.Enum('lighting', 'vegetation', 'graffiti', 'vandalism', 'litter', 'underpass', 'traffic', 'accessibility', 'desolate', 'positive', 'other', name='observation_category', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('priority', sa.Enum('high', 'medium', 'low', name='priority', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('responsible_organisation_id', sa.Integer(), nullable=True),
    sa.Column('no_action_reason', sa.String(), nullable=False),
    sa.CheckConstraint('latitude IS NULL OR latitude BETWEEN -90 AND 90', name=op.f('ck_observation_latitude_range')),
    sa.CheckConstraint('length(trim(place)) > 0', name=op.f('ck_observation_place_not_blank')),
    sa.CheckConstraint('longitude IS NULL OR longitude BETWEEN -180 AND 180', name=op.f('ck_observation_longitude_range')),
    sa.ForeignKeyConstraint(['responsible_organisation_id'], ['organisation.id'], name=op.f('fk_observation_responsible_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['walk_id'], ['safety_walk.id'], name=op.f('fk_observation_walk_id_safety_walk'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation')),
    sa.UniqueConstraint('walk_id', 'number', name=op.f('uq_observation_walk_id_number'))
    )
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observation_responsible_organisation_id'), ['responsible_organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_walk_id'), ['walk_id'], unique=False)

    op.create_table('safety_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('workplace', sa.String(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('visited_by_id', sa.Integer(), nullable=True),
    sa.Column('incident', sa.String(), nullable=False),
    sa.Column('participants', sa.String(), nullable=False),
    sa.Column('findings', sa.String(), nullable=False),
    sa.Column('recommendations', sa.String(), nullable=False),
    sa.CheckConstraint('length(trim(workplace)) > 0', name=op.f('ck_safety_visit_workplace_not_blank')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_safety_visit_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['visited_by_id'], ['person.id'], name=op.f('fk_safety_visit_visited_by_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_visit'))
    )
    with op.batch_alter_table('safety_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_visit_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safety_visit_visited_by_id'), ['visited_by_id'], unique=False)

    op.create_table('safety_walk_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('walk_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(), nullable=False),
    sa.CheckConstraint('person_id IS NOT NULL OR organisation_id IS NOT NULL OR length(trim(name)) > 0', name=op.f('ck_safety_walk_participant_someone')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_safety_walk_participant_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_safety_walk_participant_person_id_person')),
    sa.ForeignKeyConstraint(['walk_id'], ['safety_walk.id'], name=op.f('fk_safety_walk_participant_walk_id_safety_walk'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_walk_participant'))
    )
    with op.batch_alter_table('safety_walk_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_walk_participant_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safety_walk_participant_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safety_walk_participant_walk_id'), ['walk_id'], unique=False)

    op.create_table('goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('impact', 'performance', name='goal_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('indicator', sa.String(), nullable=False),
    sa.Column('unit', sa.String(), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('higher_is_better', sa.Boolean(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('source', sa.String(), nullable=False),
    sa.CheckConstraint('length(trim(text)) > 0', name=op.f('ck_goal_text_not_blank')),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_goal_focus_area_id_focus_area'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal'))
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_focus_area_id'), ['focus_area_id'], unique=False)

    op.create_table('minutes_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('minutes_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('heading', sa.String(), nullable=False),
    sa.Column('reference_number', sa.String(), nullable=False),
    sa.Column('discussion', sa.String(), nullable=False),
    sa.Column('decision', sa.String(), nullable=False),
    sa.CheckConstraint('length(trim(heading)) > 0', name=op.f('ck_minutes_item_heading_not_blank')),
    sa.CheckConstraint('number >= 1', name=op.f('ck_minutes_item_number_positive')),
    sa.ForeignKeyConstraint(['group_id'], ['work_group.id'], name=op.f('fk_minutes_item_group_id_work_group')),
    sa.ForeignKeyConstraint(['minutes_id'], ['minutes.id'], name=op.f('fk_minutes_item_minutes_id_minutes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_item')),
    sa.UniqueConstraint('group_id', 'year', 'number', name=op.f('uq_minutes_item_group_id_year_number'))
    )
    with op.batch_alter_table('minutes_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_item_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_minutes_item_minutes_id'), ['minutes_id'], unique=False)

    op.create_table('observation_photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('observation_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(), nullable=False),
    sa.Column('mime_type', sa.String(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('caption', sa.String(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['observation_id'], ['observation.id'], name=op.f('fk_observation_photo_observation_id_observation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation_photo'))
    )
    with op.batch_alter_table('observation_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observation_photo_observation_id'), ['observation_id'], unique=False)

    op.create_table('situation_finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('situation_picture_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('source', sa.Enum('survey', 'reported_crime', 'est', 'police', 'safety_walk', 'other', name='finding_source', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('priority', sa.Enum('high', 'medium', 'low', name='finding_priority', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_situation_finding_title_not_blank')),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_situation_finding_focus_area_id_focus_area')),
    sa.ForeignKeyConstraint(['situation_picture_id'], ['situation_picture.id'], name=op.f('fk_situation_finding_situation_picture_id_situation_picture'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_situation_finding'))
    )
    with op.batch_alter_table('situation_finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_situation_finding_focus_area_id'), ['focus_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_situation_finding_situation_picture_id'), ['situation_picture_id'], unique=False)

    op.create_table('goal_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('period_kind', sa.Enum('year', 'tertial', 'quarter', name='assessment_period_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('period_no', sa.Integer(), nullable=False),
    sa.Column('assessment', sa.Enum('achievable', 'partly', 'difficult', 'achieved', 'not_achieved', 'missing', name='assessment', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('comment', sa.String(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=True),
    sa.CheckConstraint("(period_kind = 'year' AND period_no = 1) OR (period_kind = 'tertial' AND period_no BETWEEN 1 AND 3) OR (period_kind = 'quarter' AND period_no BETWEEN 1 AND 4)", name=op.f('ck_goal_assessment_period_no_valid')),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_goal_assessment_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_assessment')),
    sa.UniqueConstraint('goal_id', 'year', 'period_kind', 'period_no', name=op.f('uq_goal_assessment_goal_id_year_period_kind_period_no'))
    )
    with op.batch_alter_table('goal_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_assessment_goal_id'), ['goal_id'], unique=False)

    op.create_table('measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=True),
    sa.Column('responsible_person_id', sa.Integer(), nullable=True),
    sa.Column('responsible_organisation_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('not_started', 'ongoing', 'done', 'paused', 'cancelled', name='measure_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('cancel_reason', sa.String(), nullable=False),
    sa.Column('expected_effect', sa.String(), nullable=False),
    sa.Column('origin_minutes_item_id', sa.Integer(), nullable=True),
    sa.Column('origin_observation_id', sa.Integer(), nullable=True),
    sa.Column('origin_finding_id', sa.Integer(), nullable=True),
    sa.Column('origin_citizen_promise_id', sa.Integer(), nullable=True),
    sa.Column('origin_agreement_id', sa.Integer(), nullable=True),
    sa.Column('carried_over_from_id', sa.Integer(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint("status <> 'cancelled' OR length(trim(cancel_reason)) > 0", name=op.f('ck_measure_cancel_has_reason')),
    sa.CheckConstraint('CAST(origin_minutes_item_id IS NOT NULL AS INTEGER) + CAST(origin_observation_id IS NOT NULL AS INTEGER) + CAST(origin_finding_id IS NOT NULL AS INTEGER) + CAST(origin_citizen_promise_id IS NOT NULL AS INTEGER) + CAST(origin_agreement_id IS NOT NULL AS INTEGER) <= 1', name=op.f('ck_measure_one_origin')),
    sa.CheckConstraint('deadline IS NULL OR start_date IS NULL OR deadline >= start_date', name=op.f('ck_measure_deadline_after_start')),
    sa.CheckConstraint('length(trim(title)) > 0', name=op.f('ck_measure_title_not_blank')),
    sa.ForeignKeyConstraint(['action_plan_id'], ['action_plan.id'], name=op.f('fk_measure_action_plan_id_action_plan')),
    sa.ForeignKeyConstraint(['carried_over_from_id'], ['measure.id'], name=op.f('fk_measure_carried_over_from_id_measure')),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_measure_focus_area_id_focus_area')),
    sa.ForeignKeyConstraint(['origin_agreement_id'], ['cooperation_agreement.id'], name=op.f('fk_measure_origin_agreement_id_cooperation_agreement')),
    sa.ForeignKeyConstraint(['origin_citizen_promise_id'], ['citizen_promise.id'], name=op.f('fk_measure_origin_citizen_promise_id_citizen_promise')),
    sa.ForeignKeyConstraint(['origin_finding_id'], ['situation_finding.id'], name=op.f('fk_measure_origin_finding_id_situation_finding')),
    sa.ForeignKeyConstraint(['origin_minutes_item_id'], ['minutes_item.id'], name=op.f('fk_measure_origin_minutes_item_id_minutes_item')),
    sa.ForeignKeyConstraint(['origin_observation_id'], ['observation.id'], name=op.f('fk_measure_origin_observation_id_observation')),
    sa.ForeignKeyConstraint(['responsible_organisation_id'], ['organisation.id'], name=op.f('fk_measure_responsible_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['responsible_person_id'], ['person.id'], name=op.f('fk_measure_responsible_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure')),
    sa.UniqueConstraint('action_plan_id', 'number', name=op.f('uq_measure_action_plan_id_number'))
    )
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_action_plan_id'), ['action_plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_carried_over_from_id'), ['carried_over_from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_focus_area_id'), ['focus_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_origin_agreement_id'), ['origin_agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_origin_citizen_promise_id'), ['origin_citizen_promise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_origin_finding_id'), ['origin_finding_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_origin_minutes_item_id'), ['origin_minutes_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_origin_observation_id'), ['origin_observation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_responsible_organisation_id'), ['responsible_organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_responsible_person_id'), ['responsible_person_id'], unique=False)

    op.create_table('measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('period_kind', sa.Enum('year', 'tertial', 'quarter', name='measurement_period_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('period_no', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('comment', sa.String(), nullable=False),
    sa.CheckConstraint("(period_kind = 'year' AND period_no = 1) OR (period_kind = 'tertial' AND period_no BETWEEN 1 AND 3) OR (period_kind = 'quarter' AND period_no BETWEEN 1 AND 4)", name=op.f('ck_measurement_period_no_valid')),
    sa.CheckConstraint('year BETWEEN 1900 AND 2200', name=op.f('ck_measurement_year_valid')),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_measurement_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurement')),
    sa.UniqueConstraint('goal_id', 'year', 'period_kind', 'period_no', name=op.f('uq_measurement_goal_id_year_period_kind_period_no'))
    )
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measurement_goal_id'), ['goal_id'], unique=False)

    op.create_table('measure_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('author', sa.String(), nullable=False),
    sa.CheckConstraint('length(trim(text)) > 0', name=op.f('ck_measure_note_text_not_blank')),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_measure_note_measure_id_measure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_note'))
    )
    with op.batch_alter_table('measure_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_note_measure_id'), ['measure_id'], unique=False)

    op.create_table('measure_partner',
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_measure_partner_measure_id_measure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_measure_partner_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('measure_id', 'organisation_id', name=op.f('pk_measure_partner'))
    )
    op.create_table('measure_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('old_status', sa.Enum('not_started', 'ongoing', 'done', 'paused', 'cancelled', name='old_status', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('new_status', sa.Enum('not_started', 'ongoing', 'done', 'paused', 'cancelled', name='new_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_measure_status_change_measure_id_measure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_status_change'))
    )
    with op.batch_alter_table('measure_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_status_change_measure_id'), ['measure_id'], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    # Reviewed by hand: CHECK constraints and enum CHECKs present, types plain SQLAlchemy.
    with op.batch_alter_table('measure_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_status_change_measure_id'))

    op.drop_table('measure_status_change')
    op.drop_table('measure_partner')
    with op.batch_alter_table('measure_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_note_measure_id'))

    op.drop_table('measure_note')
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measurement_goal_id'))

    op.drop_table('measurement')
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_responsible_person_id'))
        batch_op.drop_index(batch_op.f('ix_measure_responsible_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_measure_origin_observation_id'))
        batch_op.drop_index(batch_op.f('ix_measure_origin_minutes_item_id'))
        batch_op.drop_index(batch_op.f('ix_measure_origin_finding_id'))
        batch_op.drop_index(batch_op.f('ix_measure_origin_citizen_promise_id'))
        batch_op.drop_index(batch_op.f('ix_measure_origin_agreement_id'))
        batch_op.drop_index(batch_op.f('ix_measure_focus_area_id'))
        batch_op.drop_index(batch_op.f('ix_measure_deadline'))
        batch_op.drop_index(batch_op.f('ix_measure_carried_over_from_id'))
        batch_op.drop_index(batch_op.f('ix_measure_action_plan_id'))

    op.drop_table('measure')
    with op.batch_alter_table('goal_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_assessment_goal_id'))

    op.drop_table('goal_assessment')
    with op.batch_alter_table('situation_finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_situation_finding_situation_picture_id'))
        batch_op.drop_index(batch_op.f('ix_situation_finding_focus_area_id'))

    op.drop_table('situation_finding')
    with op.batch_alter_table('observation_photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observation_photo_observation_id'))

    op.drop_table('observation_photo')
    with op.batch_alter_table('minutes_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_item_minutes_id'))
        batch_op.drop_index(batch_op.f('ix_minutes_item_group_id'))

    op.drop_table('minutes_item')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_focus_area_id'))

    op.drop_table('goal')
    with op.batch_alter_table('safety_walk_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_walk_participant_walk_id'))
        batch_op.drop_index(batch_op.f('ix_safety_walk_participant_person_id'))
        batch_op.drop_index(batch_op.f('ix_safety_walk_participant_organisation_id'))

    op.drop_table('safety_walk_participant')
    with op.batch_alter_table('safety_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_visit_visited_by_id'))
        batch_op.drop_index(batch_op.f('ix_safety_visit_organisation_id'))

    op.drop_table('safety_visit')
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observation_walk_id'))
        batch_op.drop_index(batch_op.f('ix_observation_responsible_organisation_id'))

    op.drop_table('observation')
    with op.batch_alter_table('minutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_secretary_id'))
        batch_op.drop_index(batch_op.f('ix_minutes_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_minutes_chair_id'))
        batch_op.drop_index(batch_op.f('ix_minutes_adjuster_id'))

    op.drop_table('minutes')
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_person_id'))
        batch_op.drop_index(batch_op.f('ix_membership_group_id'))

    op.drop_table('membership')
    with op.batch_alter_table('meeting_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_attendance_person_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendance_meeting_id'))

    op.drop_table('meeting_attendance')
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_focus_area_owner_person_id'))
        batch_op.drop_index(batch_op.f('ix_focus_area_owner_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_focus_area_direction_id'))

    op.drop_table('focus_area')
    with op.batch_alter_table('safety_walk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_walk_organiser_group_id'))
        batch_op.drop_index(batch_op.f('ix_safety_walk_date'))

    op.drop_table('safety_walk')
    with op.batch_alter_table('programme_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_revision_programme_id'))

    op.drop_table('programme_revision')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_organisation_id'))

    op.drop_table('person')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_group_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_date'))

    op.drop_table('meeting')
    with op.batch_alter_table('direction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_direction_programme_id'))

    op.drop_table('direction')
    with op.batch_alter_table('action_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_plan_programme_id'))
        batch_op.drop_index(batch_op.f('ix_action_plan_previous_plan_id'))

    op.drop_table('action_plan')
    with op.batch_alter_table('work_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_group_parent_group_id'))

    op.drop_table('work_group')
    op.drop_table('situation_picture')
    op.drop_table('programme')
    op.drop_table('organisation')
    op.drop_table('municipality')
    op.drop_table('follow_up_report')
    op.drop_table('cooperation_agreement')
    op.drop_table('citizen_promise')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_table_name'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_record_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
    # ### end Alembic commands ###
