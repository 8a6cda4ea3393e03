package dev.liftoff.postgres.sync;

import dev.liftoff.postgres.CaptureMethod;

/** The capture cases with trigger capture, the one way out of Heroku Postgres. */
class TriggerCasesIT extends CaptureCases {
    @Override
    CaptureMethod method() {
        return CaptureMethod.TRIGGERS;
    }
}
