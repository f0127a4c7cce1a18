package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.simulator.entra.ServicePrincipal;
import io.adoec2.entra.EntraException;
import io.adoec2.testing.EntraPeers;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.SsmFixtures;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * service-principal mode with a certificate: the function signs its client assertion with the key
 * from SSM, and the Entra stand-in checks it against the certificate uploaded to the app. The
 * certificate is made by the JDK's keytool, as an operator might make one.
 */
class EntraCertificateTest {
    private static String pem;
    private static String otherPem;
    private static X509Certificate certificate;

    private final EntraPeers peers = EntraPeers.shared();
    private FunctionHarness harness;

    @BeforeAll
    static void makeCertificates(@TempDir Path dir) throws Exception {
        Object[] made = certificate(dir, "one");
        pem = (String) made[0];
        certificate = (X509Certificate) made[1];
        otherPem = (String) certificate(dir, "two")[0];
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theAppsCertificateGetsATokenAndAnotherKeyNamesTheParameter() throws Exception {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addCertificate(Base64.getUrlEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())),
                        certificate.getPublicKey());
        String good = "/" + LocalAws.unique("entra-certificate");
        String wrong = "/" + LocalAws.unique("entra-certificate");
        SsmFixtures.putSecureString(LocalAws.clients(), good, pem);
        SsmFixtures.putSecureString(LocalAws.clients(), wrong, otherPem);
        harness = new FunctionHarness(Clock.systemUTC(), environment(app, good));

        assertThat(tokens(environment(app, good)).token().reveal()).isNotBlank();
        assertThatThrownBy(() -> tokens(environment(app, wrong)).token())
                .isInstanceOf(EntraException.class)
                .hasMessageStartingWith(FunctionConfig.ENTRA_CLIENT_CERTIFICATE_PARAMETER + " (SSM parameter " + wrong)
                .hasMessageContaining("AADSTS700027")
                .hasMessageNotContaining("PRIVATE KEY");
    }

    private Map<String, String> environment(ServicePrincipal app, String parameter) {
        Map<String, String> env = new HashMap<>(Map.of(FunctionConfig.ADO_AUTH_MODE, "service-principal",
                FunctionConfig.ENTRA_AUTHORITY_URL, peers.entra.authority().toString(),
                FunctionConfig.ENTRA_TENANT_ID, app.tenantId(), FunctionConfig.ENTRA_CLIENT_ID, app.clientId(),
                FunctionConfig.ENTRA_CLIENT_CERTIFICATE_PARAMETER, parameter));
        return env;
    }

    private io.adoec2.azuredevops.TokenSource tokens(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(FunctionConfig.TABLE_NAME, "unused");
        env.put(FunctionConfig.ADO_ORGANIZATION_URL, "contoso");
        return AzureDevOpsTokens.of(FunctionConfig.fromEnvironment(env).auth(), harness.aws,
                RestClientSettings.defaults());
    }

    /** A self-signed RSA certificate from keytool, and its key and certificate as one PEM text. */
    private static Object[] certificate(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=ado-ec2-lifecycle",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) keys.getKey(name, "changeit".toCharArray());
        X509Certificate cert = (X509Certificate) keys.getCertificate(name);
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes());
        String text = "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n" + mime.encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.deleteIfExists(store);
        return new Object[] {text, cert};
    }
}
