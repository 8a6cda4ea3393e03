package dev.liftoff.postgres.sync;

import dev.liftoff.postgres.CaptureMethod;

/** The capture cases with logical decoding. */
class LogicalCasesIT extends CaptureCases {
    @Override
    CaptureMethod method() {
        return CaptureMethod.LOGICAL;
    }
}
