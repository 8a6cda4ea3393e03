package dev.liftoff.plan.aws;

import dev.liftoff.core.LiftoffException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into one line naming the call and what to fix; request bodies (secret values) never appear. */
final class AwsErrors {
    private AwsErrors() {}

    static LiftoffException of(String call, SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            String hint =
                    switch (code == null ? "" : code) {
                        case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation" ->
                            "; the credentials in use lack the permission: add it to their IAM policy";
                        case "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException" ->
                            "; the credentials are not valid here: check AWS_PROFILE or refresh them (aws sso login)";
                        default -> "";
                    };
            return LiftoffException.environment(
                    call + " failed: " + code + " (HTTP " + s.statusCode() + "): "
                            + s.awsErrorDetails().errorMessage() + hint,
                    e);
        }
        if (e instanceof SdkClientException
                && e.getMessage() != null
                && e.getMessage().contains("credentials")) {
            return LiftoffException.environment(
                    call + ": no AWS credentials found; set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,"
                            + " or run where a role is attached",
                    e);
        }
        return LiftoffException.environment(call + " failed: " + e.getMessage(), e);
    }
}
