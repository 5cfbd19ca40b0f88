-- Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d).
-- One database per service (law 7: services own their data). Each is a disposable projection of the
-- JetStream stream EVENTS; the services create their tables themselves (Flyway) during warm-up.
-- Written to be re-runnable: psql -U postgres -f deploy/postgres/init.sql
SELECT 'CREATE DATABASE eventsaas_users'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'eventsaas_users')\gexec
SELECT 'CREATE DATABASE eventsaas_billing'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'eventsaas_billing')\gexec
SELECT 'CREATE DATABASE eventsaas_projections'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'eventsaas_projections')\gexec
