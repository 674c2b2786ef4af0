-- The Markov chain kept between nights (issue 13): each lead's journey as last credited, and the chain's counts
-- (transitions between states, each channel's journeys and conversions). An incremental night subtracts the old
-- journeys of the leads in scope, adds their new ones and solves the chain from the counts, so the data-driven
-- model stays exact without reading every journey again.
-- channels: the journey's channels in time order, separated by U+001F (a control character no channel holds).
CREATE TABLE core_journey (
  tenant       VARCHAR(64)   NOT NULL,
  lead_key     VARCHAR(320)  NOT NULL,
  channels     TEXT          NOT NULL,
  converted    SMALLINT      NOT NULL,
  PRIMARY KEY (tenant, lead_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- from_state / to_state: 'start', 'conversion', 'null', or 'c:' and a channel.
CREATE TABLE core_journey_transition (
  tenant       VARCHAR(64)   NOT NULL,
  from_state   VARCHAR(210)  NOT NULL,
  to_state     VARCHAR(210)  NOT NULL,
  transitions  BIGINT        NOT NULL,
  PRIMARY KEY (tenant, from_state, to_state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE core_journey_channel (
  tenant       VARCHAR(64)   NOT NULL,
  channel      VARCHAR(200)  NOT NULL,
  journeys     BIGINT        NOT NULL,
  conversions  BIGINT        NOT NULL,
  PRIMARY KEY (tenant, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The touches as the last night matched them, while tonight's are written: the leads whose touches differ join
-- the scope (their journeys and credits are recomputed).
CREATE TABLE reconcile_prev_touch AS SELECT * FROM int_touch WHERE 1 = 0;
CREATE INDEX reconcile_prev_touch_idx ON reconcile_prev_touch (tenant);
