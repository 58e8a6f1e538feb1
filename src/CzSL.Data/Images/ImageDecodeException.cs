namespace CzSL.Data.Images;

/// <summary>An image file that is missing, unreadable or not a decodable image. The message names the file.</summary>
public sealed class ImageDecodeException : IOException
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public ImageDecodeException(string file, string message, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
    }

    /// <summary>Path of the image file at fault.</summary>
    public string File { get; }
}
