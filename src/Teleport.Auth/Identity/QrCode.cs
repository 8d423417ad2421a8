using QRCoder;

namespace Teleport.Auth.Identity;

/// <summary>Renders text (an otpauth:// URI) as a PNG QR code for authenticator apps to scan.</summary>
public static class QrCode
{
    public static byte[] Png(string text, int pixelsPerModule = 6)
    {
        using var generator = new QRCodeGenerator();
        using QRCodeData data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
