package dev.liftoff.plan.aws;

import dev.liftoff.core.LiftoffException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where AWS calls go and as whom: the region, an optional endpoint override (an emulator such as moto, or a VPC
 * endpoint) and the credentials, the SDK's standard chain unless a test hands its own. Immutable.
 *
 * @param region the region, or null for the SDK's chain (AWS_REGION, the profile)
 * @param endpoint the endpoint for every service, or null for AWS's own
 * @param credentials the credentials, or null for the SDK's default chain (env, system properties, profile, SSO,
 *     container and instance roles)
 */
public record AwsTarget(String region, URI endpoint, AwsCredentialsProvider credentials) {
    /** The SDK's chains for region and credentials, AWS's endpoints. */
    public static AwsTarget standard(String region, URI endpoint) {
        return new AwsTarget(region, endpoint, null);
    }

    /** The region to call: the one given (checked), else the SDK's chain; neither is a usage error. */
    public Region resolvedRegion() {
        if (region != null && !region.isBlank()) {
            // an endpoint override (moto, a partition we don't list) takes any name the caller chose
            return Region.of(endpoint == null ? AwsRegions.require(region) : region);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw LiftoffException.usage(
                    "no AWS region: pass --region or set AWS_REGION (or a region in ~/.aws/config)");
        }
    }

    /**
     * Configures a client builder. The Apache HTTP client is named explicitly so the SDK never looks for Netty or
     * the URL-connection client on the class path; timeouts keep a dead endpoint from hanging a command.
     */
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(B builder, Duration apiTimeout) {
        builder.region(resolvedRegion())
                .credentialsProvider(
                        credentials != null
                                ? credentials
                                : DefaultCredentialsProvider.builder().build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        builder.httpClientBuilder(ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(apiTimeout));
        return builder.build();
    }
}
